package io.shape.adapters.persistence.report;

import io.shape.domain.ShapeException;
import io.shape.domain.port.RunReports;
import io.shape.domain.report.ReportContent;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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
            Path temporary = Files.createTempFile(folder, ".report-", ".html.tmp");
            try {
                Files.writeString(temporary, page, StandardCharsets.UTF_8);
                try {
                    Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (IOException e) {
            throw ShapeException.invalidInput("cannot write the report " + target + ": " + e.getMessage()
                    + "; check that the run's output folder is writable");
        }
        return target;
    }
}
