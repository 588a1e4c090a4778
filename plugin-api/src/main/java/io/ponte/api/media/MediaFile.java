package io.ponte.api.media;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * One downloaded media file, as a stream the hub reads once and closes. The hub stores it in its media store and
 * checks it while copying: at most the size limit it passed, exactly {@code size} bytes when given, the
 * {@code sha256} when given.
 *
 * @param mimeType the MIME type the provider declared for the file (e.g. {@code image/jpeg}); never null
 * @param fileName the file name, or null
 * @param size     the size the provider declared, in bytes, or null when unknown
 * @param sha256   the provider's SHA-256 of the content, lower-case hex, or null when it gives none
 * @param content  the bytes; never null; closed by the hub
 * @since 1.1.0
 */
public record MediaFile(String mimeType, String fileName, Long size, String sha256, InputStream content)
        implements AutoCloseable {

    /** Requires the MIME type and content. */
    public MediaFile {
        Objects.requireNonNull(mimeType, "mimeType");
        Objects.requireNonNull(content, "content");
    }

    @Override
    public void close() throws IOException {
        content.close();
    }
}
