package io.shape.adapters.spark;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * One spelling for a file's URI, whichever way Spark wrote it: {@code inputFiles()} gives
 * {@code file:///a%20b}, {@code _metadata.file_path} gives {@code file:/a%20b}. Compares by decoded path.
 */
final class FileKey {
    private FileKey() {
    }

    static String of(String uri) {
        try {
            URI u = new URI(uri);
            String scheme = u.getScheme() == null ? "" : u.getScheme();
            String authority = u.getAuthority() == null ? "" : u.getAuthority();
            return scheme + "://" + authority + u.getPath();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("Spark gave a file URI that does not parse: " + uri, e);
        }
    }
}
