package io.shape.application.service;

import io.shape.domain.ErrorKind;
import io.shape.domain.ShapeException;
import io.shape.domain.model.Model;
import io.shape.domain.port.PredictionBatch;
import io.shape.domain.port.PredictionRows;
import io.shape.domain.port.PredictionsReader;
import io.shape.domain.port.PredictionsSink;
import io.shape.domain.run.Run;
import io.shape.domain.run.RunServices;

import java.util.List;

/**
 * Copies a scored run's predictions from its files into the predictions sink. The files stay the result:
 * a failure is recorded in the run ({@code predictions_sink}: "unreachable: ..." when the sink cannot be
 * reached, "failed: ..." otherwise) and the run still succeeds.
 */
final class PredictionsCopy {
    static final String SERVICE = RunServices.PREDICTIONS_SINK;

    private final PredictionsReader reader;
    private final PredictionsSink sink;

    PredictionsCopy(PredictionsReader reader, PredictionsSink sink) {
        this.reader = reader;
        this.sink = sink;
    }

    Run store(Run run, Model model) {
        try (PredictionsReader.OpenPredictions rows = reader.open(run.outputs().predictions(), model)) {
            CountingRows counted = new CountingRows(rows);
            sink.store(run.id(), counted);
            return run.withService(SERVICE, RunServices.stored(counted.count));
        } catch (ShapeException e) {
            return run.withService(SERVICE, e.kind() == ErrorKind.UNAVAILABLE ? RunServices.unreachable(e.getMessage())
                    : RunServices.failed(e.getMessage()));
        } catch (RuntimeException e) {
            return run.withService(SERVICE, RunServices.failed(String.valueOf(e)));
        }
    }

    /** Counts the rows the sink took, for the run record. */
    private static final class CountingRows implements PredictionRows {
        private final PredictionRows rows;
        private long count;

        CountingRows(PredictionRows rows) {
            this.rows = rows;
        }

        @Override
        public List<String> labels() {
            return rows.labels();
        }

        @Override
        public boolean hasDecision() {
            return rows.hasDecision();
        }

        @Override
        public int next(PredictionBatch batch) {
            int n = rows.next(batch);
            count += n;
            return n;
        }
    }
}
