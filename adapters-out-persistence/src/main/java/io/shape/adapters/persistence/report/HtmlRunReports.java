package io.shape.adapters.persistence.report;

import io.shape.adapters.persistence.AtomicFile;
import io.shape.domain.ShapeException;
import io.shape.domain.port.RunReports;
import io.shape.domain.report.ReportContent;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

/** Writes {@code report.html} into the run's output folder, atomically (a reader never sees half a page). */
public final class HtmlRunReports implements RunReports {
    private final Clock clock;

    public HtmlRunReports(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Path write(ReportContent content) {
        Path folder = Path.of(content.run().outputs().directory());
        Path target = folder.resolve(FILE_NAME);
        String page = ReportPage.render(content, clock.instant());
        try {
            AtomicFile.write(target, temporary -> Files.writeString(temporary, page, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw ShapeException.invalidInput("cannot write the report " + target + ": " + e.getMessage()
                    + "; check that the run's output folder is writable");
        }
        return target;
    }
}
