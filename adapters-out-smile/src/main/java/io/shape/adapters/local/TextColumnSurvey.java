package io.shape.adapters.local;

import io.shape.domain.data.CategoryCodes;
import io.shape.domain.data.ColumnPlan;
import io.shape.domain.data.DataFormat;
import io.shape.domain.data.Dataset;
import io.shape.domain.transform.Pipeline;
import io.shape.domain.transform.encode.TextSurvey;

import java.nio.file.Path;
import java.util.List;

/**
 * The local engine's pass over the text columns an encoder fitted on the run reads, before anything else reads
 * the table: it reads those columns alone, in row order, into the domain's {@link TextSurvey}, whose codes the
 * run's rows are then read with ({@link ColumnPlan#resolved}).
 */
final class TextColumnSurvey {
    private TextColumnSurvey() {
    }

    /** The dataset to read: {@code dataset} itself unless its plan has encoded columns, which it resolves. */
    static Dataset resolve(Dataset dataset, Pipeline pipeline, int batchRows) {
        ColumnPlan plan = dataset.columns();
        if (!plan.surveysText()) {
            return dataset;
        }
        TextSurvey survey = pipeline.textSurvey().orElseThrow(() -> new IllegalStateException(
                "a plan of encoded columns for a pipeline whose first step surveys no text"));
        int width = plan.width();
        List<Path> files = dataset.pinFiles().files();
        boolean csv = dataset.format() == DataFormat.CSV || files.stream()
                .allMatch(f -> DataFormat.ofFileName(f.getFileName().toString()) == DataFormat.CSV);
        boolean[] text = new boolean[width];
        if (csv) {
            for (int c = 0; c < width; c++) {
                text[c] = plan.use(c) == ColumnPlan.Use.ENCODED; // every cell of a CSV is text until pandas reads it
            }
        } else if (!files.isEmpty()) {
            boolean[] inFile = ParquetTable.textColumns(files.get(0), dataset.featureColumns());
            for (int c = 0; c < width; c++) {
                text[c] = plan.use(c) == ColumnPlan.Use.ENCODED && inFile[c];
            }
        }
        boolean any = false;
        CategoryCodes[] recorders = new CategoryCodes[width];
        boolean[] unread = new boolean[width];
        for (int c = 0; c < width; c++) {
            recorders[c] = text[c] ? survey.recorder(c) : null;
            unread[c] = !text[c];
            any |= text[c];
        }
        if (any) {
            Dataset surveyed = new Dataset(dataset.location(), dataset.format(), dataset.featureColumns(),
                    dataset.confinement(), ColumnPlan.of(recorders, unread));
            try (RowReader reader = InputTable.open(surveyed).newReader()) {
                double[] rows = new double[batchRows * width];
                while (reader.read(rows, batchRows) > 0) {
                    // the recorders gather the texts; the rows read are not used
                }
            }
        }
        return new Dataset(dataset.location(), dataset.format(), dataset.featureColumns(), dataset.confinement(),
                plan.resolved(survey.codes(text, csv)));
    }
}
