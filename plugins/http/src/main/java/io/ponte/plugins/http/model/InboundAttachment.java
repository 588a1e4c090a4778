package io.ponte.plugins.http.model;

import io.ponte.api.message.Content;
import java.util.Objects;

/**
 * One attachment of an inbound message: {@code {"url":..., "type":"image", "mimeType":..., "caption":...,
 * "fileName":...}}.
 *
 * @param url      an absolute http(s) URL the hub or a route can fetch it from; never null
 * @param type     what it is; never null
 * @param mimeType the MIME type, or null
 * @param caption  the caption, or null
 * @param fileName the file name, or null
 */
public record InboundAttachment(String url, Content.MediaType type, String mimeType, String caption,
                                String fileName) {

    /** Requires the url and type. */
    public InboundAttachment {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(type, "type");
    }

    /** The normalized content for this attachment. */
    public Content.Media toContent() {
        return new Content.Media(type, url, null, mimeType, null, caption, fileName, null);
    }
}
