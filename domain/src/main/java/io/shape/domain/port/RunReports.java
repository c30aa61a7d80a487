package io.shape.domain.port;

import io.shape.domain.report.ReportContent;

import java.nio.file.Path;

/** Out-port: renders what a run found as a self-contained page ({@code report.html}) in its output folder. */
public interface RunReports {
    /** Name of the page in the run's output folder. */
    String FILE_NAME = io.shape.domain.run.RunOutputs.REPORT;

    /**
     * Writes the page atomically into {@code content.run()}'s output folder.
     *
     * @return the page's path
     */
    Path write(ReportContent content);
}
