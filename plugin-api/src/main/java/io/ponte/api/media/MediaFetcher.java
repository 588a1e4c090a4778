package io.ponte.api.media;

/**
 * Downloads inbound media the provider keeps behind an id (WhatsApp's media ids, Telegram's file ids), for the
 * hub's media store ({@code GET /api/v1/media/{eventId}}). The hub calls it on demand, at most once per media file
 * it has not stored yet, under the connection's timeout.
 *
 * <p>Threading: may be called concurrently.
 *
 * @since 1.1.0
 */
public interface MediaFetcher {

    /**
     * Starts downloading one file.
     *
     * @param mediaId  the provider's id, as the connector put it in {@link io.ponte.api.message.Content.Media#mediaId()}
     * @param maxBytes the largest file the hub accepts; a connector that knows the size up front should refuse a
     *                 bigger one with {@link MediaFetchException#permanent} before downloading it
     * @return the file; never null
     * @throws MediaFetchException naming why: permanent when the media is gone, too large or not what was declared;
     *                             retriable when the provider is unreachable or limits us (try later)
     */
    MediaFile fetch(String mediaId, long maxBytes);
}
