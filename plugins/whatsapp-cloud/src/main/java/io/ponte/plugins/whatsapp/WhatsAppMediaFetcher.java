package io.ponte.plugins.whatsapp;

import io.ponte.api.action.ActionResult;
import io.ponte.api.connector.ConnectorContext;
import io.ponte.api.connector.Health;
import io.ponte.api.media.MediaFetchException;
import io.ponte.api.media.MediaFetcher;
import io.ponte.api.media.MediaFile;
import io.ponte.kit.Provider;
import io.ponte.plugins.meta.GraphApi;
import io.ponte.plugins.whatsapp.model.MediaInfo;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Downloads inbound media in Meta's two steps: {@code GET /{media-id}} for a short-lived URL and the declared
 * type, size and SHA-256 (a Graph call like any other: {@link GraphApi} with {@link WhatsAppErrors#MEDIA} first),
 * then {@code GET <url>} with the same token, streamed, only to a host {@link MediaUrlPolicy} allows (else the
 * token is never sent and the fetch fails). Refuses a file larger than the hub accepts before downloading it, and a
 * download whose {@code Content-Type} differs from the declared type. The hub checks size and SHA-256 while it
 * copies the stream. Thread-safe.
 */
final class WhatsAppMediaFetcher implements MediaFetcher {

    private static final Pattern MEDIA_ID = Pattern.compile("[0-9A-Za-z_-]{1,128}");

    private final GraphApi graph;
    private final MediaUrlPolicy urls;
    private final ConnectorContext context;

    WhatsAppMediaFetcher(GraphApi graph, WhatsAppConfig config, ConnectorContext context) {
        this.graph = graph.withCodes(WhatsAppErrors.MEDIA);
        this.urls = new MediaUrlPolicy(config.apiBaseUrl());
        this.context = context;
    }

    @Override
    public MediaFile fetch(String mediaId, long maxBytes) {
        if (mediaId == null || !MEDIA_ID.matcher(mediaId).matches()) {
            throw MediaFetchException.permanent("not a WhatsApp media id");
        }
        MediaInfo info = info(mediaId);
        if (info.size() != null && info.size() > maxBytes) {
            throw MediaFetchException.permanent("media " + mediaId + " is " + info.size() + " bytes, over the limit of "
                    + maxBytes);
        }
        // The download carries the token: it goes only to Meta's hosts or to the configured API origin.
        Optional<String> refusal = urls.refusal(info.url());
        if (refusal.isPresent()) {
            throw MediaFetchException.permanent("media " + mediaId + ": " + refusal.get());
        }
        HttpResponse<InputStream> download = download(mediaId, info);
        String contentType = download.headers().firstValue("content-type").orElse(null);
        if (contentType == null || !baseType(contentType).equals(baseType(info.mimeType()))) {
            close(download.body());
            throw MediaFetchException.permanent("media " + mediaId + " was declared " + info.mimeType() + " but the "
                    + "download is " + (contentType == null ? "untyped" : contentType));
        }
        return new MediaFile(info.mimeType(), null, info.size(), info.sha256(), download.body());
    }

    private MediaInfo info(String mediaId) {
        ActionResult lookup = graph.get(mediaId, json -> new ActionResult.Delivered(mediaId, json));
        if (!(lookup instanceof ActionResult.Delivered found)) {
            throw Provider.mediaFailure(lookup);
        }
        return MediaInfo.of(found.output()).orElseThrow(() -> MediaFetchException.retriable(graph.name()
                + " answered media " + mediaId + " without a url and mime_type", null));
    }

    /** The bytes, streamed past the provider API's cap (the hub caps what it copies). */
    private HttpResponse<InputStream> download(String mediaId, MediaInfo info) {
        HttpResponse<InputStream> download = graph.download(info.url());
        int status = download.statusCode();
        if (status == 200) {
            return download;
        }
        close(download.body());
        // The URL lives five minutes: a 404 here means "ask for a new URL", which the next attempt does.
        if (status == 404 || status == 429 || status >= 500) {
            throw MediaFetchException.retriable("media download of " + mediaId + " answered HTTP " + status, null);
        }
        if (status == 401 || status == 403) {
            context.reportHealth(Health.down("access token refused by the media download (HTTP " + status + ")"));
        }
        throw MediaFetchException.permanent("media download of " + mediaId + " answered HTTP " + status);
    }

    private static String baseType(String mimeType) {
        int semicolon = mimeType.indexOf(';');
        return (semicolon < 0 ? mimeType : mimeType.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
    }

    private static void close(InputStream body) {
        try {
            body.close();
        } catch (IOException e) {
            // nothing to save: the answer is refused either way
        }
    }
}
