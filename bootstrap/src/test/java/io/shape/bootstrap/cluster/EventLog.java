package io.shape.bootstrap.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What one application's Spark event log says about where tasks ran: per executor the worker that launched it
 * (its log URLs point at the worker's web UI port) and the tasks it finished successfully or not.
 */
record EventLog(Map<String, Integer> workerPortOfExecutor, Map<String, Integer> successfulTasks,
                Map<String, Integer> failedTasks, List<String> failureReasons, int stageAttemptsRetried) {
    private static final Pattern EXECUTOR_ID = Pattern.compile("\"Executor ID\":\"([^\"]+)\"");
    private static final Pattern LOG_PORT = Pattern.compile("http://[^:/\"]+:(\\d+)/logPage");
    private static final Pattern REASON = Pattern.compile("\"Task End Reason\":\\{\"Reason\":\"([^\"]+)\"");
    private static final Pattern STAGE_ATTEMPT = Pattern.compile("\"Stage Attempt ID\":(\\d+)");

    /** Reads the only application log in {@code dir}. */
    static EventLog readSingle(Path dir) throws IOException {
        List<Path> logs;
        try (Stream<Path> files = Files.list(dir)) {
            logs = files.filter(p -> !p.getFileName().toString().startsWith(".")).toList();
        }
        if (logs.size() != 1) {
            throw new IllegalStateException("expected one event log in " + dir + ", found " + logs);
        }
        return parse(Files.readAllLines(logs.get(0)));
    }

    static EventLog parse(List<String> lines) {
        Map<String, Integer> workers = new TreeMap<>();
        Map<String, Integer> ok = new TreeMap<>();
        Map<String, Integer> failed = new TreeMap<>();
        List<String> reasons = new java.util.ArrayList<>();
        int retried = 0;
        for (String line : lines) {
            if (line.startsWith("{\"Event\":\"SparkListenerExecutorAdded\"")) {
                Matcher id = EXECUTOR_ID.matcher(line);
                Matcher port = LOG_PORT.matcher(line);
                if (id.find() && port.find()) {
                    workers.put(id.group(1), Integer.parseInt(port.group(1)));
                }
            } else if (line.startsWith("{\"Event\":\"SparkListenerTaskEnd\"")) {
                Matcher id = EXECUTOR_ID.matcher(line);
                Matcher reason = REASON.matcher(line);
                if (id.find() && reason.find()) {
                    if (reason.group(1).equals("Success")) {
                        ok.merge(id.group(1), 1, Integer::sum);
                    } else {
                        failed.merge(id.group(1), 1, Integer::sum);
                        reasons.add(reason.group(1));
                    }
                }
            } else if (line.startsWith("{\"Event\":\"SparkListenerStageSubmitted\"")) {
                Matcher attempt = STAGE_ATTEMPT.matcher(line);
                if (attempt.find() && Integer.parseInt(attempt.group(1)) > 0) {
                    retried++;
                }
            }
        }
        return new EventLog(workers, ok, failed, reasons, retried);
    }

    /** Worker web UI ports whose executors finished at least one task. */
    java.util.Set<Integer> workersThatRanTasks() {
        java.util.Set<Integer> ports = new java.util.TreeSet<>();
        successfulTasks.forEach((executor, n) -> {
            Integer port = workerPortOfExecutor.get(executor);
            if (port != null && n > 0) {
                ports.add(port);
            }
        });
        return ports;
    }
}
