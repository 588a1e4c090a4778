package io.ponte.plugins.whatsapp.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;

/**
 * The answer of {@code GET /{media-id}}: {@code {"messaging_product":"whatsapp","url","mime_type","sha256",
 * "file_size","id"}}. The URL is valid for about five minutes and needs the access token.
 *
 * @param url      where to download the bytes; never null
 * @param mimeType the declared MIME type; never null
 * @param sha256   the SHA-256 as lower-case hex, or null
 * @param size     the declared size in bytes, or null
 */
public record MediaInfo(URI url, String mimeType, String sha256, Long size) {

    /**
     * Reads the answer.
     *
     * @param json the parsed body
     * @return the info, or empty when it lacks a usable {@code url} or {@code mime_type}
     */
    public static Optional<MediaInfo> of(JsonNode json) {
        String url = Json.text(json, "url");
        String mimeType = Json.text(json, "mime_type");
        if (url == null || mimeType == null) {
            return Optional.empty();
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
        if (!uri.isAbsolute() || uri.getHost() == null
                || !("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()))) {
            return Optional.empty();
        }
        // file_size is documented as a string and seen as a number
        Long size = Json.wholeNumber(json.get("file_size"));
        return Optional.of(new MediaInfo(uri, mimeType, InboundContent.sha256Hex(Json.text(json, "sha256")), size));
    }
}
