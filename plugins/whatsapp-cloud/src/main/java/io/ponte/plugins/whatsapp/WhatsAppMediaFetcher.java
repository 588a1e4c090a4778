package io.ponte.plugins.whatsapp;

import com.fasterxml.jackson.databind.JsonNode;
import io.ponte.api.connector.ConnectorContext;
import io.ponte.api.connector.Health;
import io.ponte.api.error.PermanentException;
import io.ponte.api.error.RetriableException;
import io.ponte.api.media.MediaFetcher;
import io.ponte.api.media.MediaFile;
import io.ponte.api.message.MessageJson;
import io.ponte.kit.ProviderResponse;
import io.ponte.plugins.meta.GraphError;
import io.ponte.plugins.whatsapp.model.MediaInfo;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Downloads inbound media in Meta's two steps: {@code GET /{media-id}} for a short-lived URL and the declared
 * type, size and SHA-256, then {@code GET <url>} with the same token, only to a host {@link MediaUrlPolicy} allows
 * (else the token is never sent and the fetch fails). Refuses a file larger than the hub accepts
 * before downloading it, and a download whose {@code Content-Type} differs from the declared type. The hub checks
 * size and SHA-256 while it copies the stream. A refused token reports the connection down, a media lookup that
 * works reports it up. Thread-safe.
 */
final class WhatsAppMediaFetcher implements MediaFetcher {

    private static final Pattern MEDIA_ID = Pattern.compile("[0-9A-Za-z_-]{1,128}");

    private final WhatsAppClient client;
    private final MediaUrlPolicy urls;
    private final ConnectorContext context;

    WhatsAppMediaFetcher(WhatsAppClient client, WhatsAppConfig config, ConnectorContext context) {
        this.client = client;
        this.urls = new MediaUrlPolicy(config.apiBaseUrl());
        this.context = context;
    }

    @Override
    public MediaFile fetch(String mediaId, long maxBytes) {
        if (mediaId == null || !MEDIA_ID.matcher(mediaId).matches()) {
            throw new PermanentException("not a WhatsApp media id");
        }
        MediaInfo info = info(mediaId);
        if (info.size() != null && info.size() > maxBytes) {
            throw new PermanentException("media " + mediaId + " is " + info.size() + " bytes, over the limit of "
                    + maxBytes);
        }
        // The download carries the token: it goes only to Meta's hosts or to the configured API origin.
        Optional<String> refusal = urls.refusal(info.url());
        if (refusal.isPresent()) {
            throw new PermanentException("media " + mediaId + ": " + refusal.get());
        }
        WhatsAppClient.Download download;
        try {
            download = client.download(info.url());
        } catch (IOException e) {
            throw new RetriableException("could not download media " + mediaId + ": " + e.getClass().getSimpleName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RetriableException("interrupted while downloading media " + mediaId, e);
        }
        if (download.status() != 200) {
            close(download.body());
            // The URL lives five minutes: a 404 here means "ask for a new URL", which the next attempt does.
            if (download.status() == 404 || download.status() == 429 || download.status() >= 500) {
                throw new RetriableException("media download of " + mediaId + " answered HTTP " + download.status());
            }
            if (download.status() == 401 || download.status() == 403) {
                context.reportHealth(Health.down("access token rejected by the media download (HTTP "
                        + download.status() + ")"));
            }
            throw new PermanentException("media download of " + mediaId + " answered HTTP " + download.status());
        }
        String contentType = download.header("content-type").orElse(null);
        if (contentType == null || !baseType(contentType).equals(baseType(info.mimeType()))) {
            close(download.body());
            throw new PermanentException("media " + mediaId + " was declared " + info.mimeType() + " but the download "
                    + "is " + (contentType == null ? "untyped" : contentType));
        }
        return new MediaFile(info.mimeType(), null, info.size(), info.sha256(), download.body());
    }

    private MediaInfo info(String mediaId) {
        ProviderResponse response;
        try {
            response = client.mediaInfo(mediaId);
        } catch (IOException e) {
            throw new RetriableException("could not reach the Graph API for media " + mediaId + ": "
                    + e.getClass().getSimpleName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RetriableException("interrupted while asking for media " + mediaId, e);
        }
        if (response.status() == 200) {
            context.reportHealth(Health.up("media lookup accepted by the Graph API"));
            return parse(response.body()).flatMap(MediaInfo::of).orElseThrow(() -> new RetriableException(
                    "the Graph API answered media " + mediaId + " without a url and mime_type"));
        }
        GraphError error = GraphError.parse(response.status(), response.body());
        if (response.status() == 404 || error.code() == 100) {
            throw new PermanentException("media " + mediaId + " expired or unknown (WhatsApp keeps inbound media for "
                    + "a limited time): " + error.describe());
        }
        if (error.kind() == GraphError.Kind.RATE_LIMITED || error.kind() == GraphError.Kind.TRANSIENT) {
            throw new RetriableException(error.describe());
        }
        if (error.kind() == GraphError.Kind.AUTH) {
            context.reportHealth(Health.down("access token rejected by the Graph API (code " + error.code()
                    + "): renew accessToken"));
            throw new PermanentException("access token rejected: " + error.describe());
        }
        throw new PermanentException(error.describe());
    }

    private static Optional<JsonNode> parse(byte[] body) {
        try {
            return Optional.ofNullable(MessageJson.mapper().readTree(body));
        } catch (IOException e) {
            return Optional.empty();
        }
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
