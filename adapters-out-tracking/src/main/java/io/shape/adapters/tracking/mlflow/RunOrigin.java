package io.shape.adapters.tracking.mlflow;

import java.net.InetAddress;

/**
 * Who ran what: tagged on every MLflow run.
 *
 * @param shapeVersion shape's version
 * @param gitSha       the commit shape was built from, or null when unknown
 * @param user         the OS user
 * @param host         the machine's name
 */
public record RunOrigin(String shapeVersion, String gitSha, String user, String host) {
    /** This process's user and host with the given build facts. */
    public static RunOrigin ofThisProcess(String shapeVersion, String gitSha) {
        return new RunOrigin(shapeVersion, gitSha, System.getProperty("user.name", "unknown"), hostName());
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return "unknown";
        }
    }
}
