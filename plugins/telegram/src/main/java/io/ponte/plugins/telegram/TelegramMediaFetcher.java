package io.ponte.plugins.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ponte.api.action.ActionResult;
import io.ponte.api.media.MediaFetchException;
import io.ponte.api.media.MediaFetcher;
import io.ponte.api.media.MediaFile;
import io.ponte.kit.PluginJson;
import io.ponte.kit.Provider;
import io.ponte.plugins.telegram.model.BotApiCall;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;

/**
 * Downloads inbound media by Telegram {@code file_id}: {@code getFile} for the path and size, then
 * {@code GET {apiBaseUrl}/file/bot<token>/<file_path>}. A file over the hub's limit is refused before the download,
 * by the size {@code getFile} declares and again by the download's {@code Content-Length}. The cloud Bot API serves
 * files up to 20 MB only; for bigger ones it gives no path, which fails permanently. The MIME type comes from the
 * path ({@link FileTypes}). Thread-safe.
 */
final class TelegramMediaFetcher implements MediaFetcher {

    private final TelegramClient client;

    TelegramMediaFetcher(TelegramClient client) {
        this.client = client;
    }

    @Override
    public MediaFile fetch(String mediaId, long maxBytes) {
        if (mediaId == null || mediaId.isBlank()) {
            throw MediaFetchException.permanent("getFile: no file id given");
        }
        JsonNode file = getFile(mediaId);
        long declared = file.path("file_size").canConvertToLong() ? file.get("file_size").longValue() : -1;
        if (declared > maxBytes) {
            throw tooLarge(declared, maxBytes);
        }
        String path = file.path("file_path").isTextual() ? file.get("file_path").textValue() : null;
        if (path == null || path.isBlank()) {
            throw MediaFetchException.permanent("Telegram gives no download path for this file (bots can download "
                    + "files of up to 20 MB only)");
        }
        HttpResponse<InputStream> download = client.download(path);
        if (download.statusCode() != 200) {
            close(download.body());
            String reason = "file download: HTTP " + download.statusCode();
            if (download.statusCode() == 429 || download.statusCode() >= 500) {
                throw MediaFetchException.retriable(reason, null);
            }
            throw MediaFetchException.permanent(reason);
        }
        long length = download.headers().firstValueAsLong("Content-Length").orElse(-1L);
        if (length > maxBytes) {
            close(download.body());
            throw tooLarge(length, maxBytes);
        }
        Long size = declared >= 0 ? Long.valueOf(declared) : length >= 0 ? Long.valueOf(length) : null;
        return new MediaFile(FileTypes.mimeOf(path), FileTypes.fileName(path), size, null, download.body());
    }

    /** Telegram's File object, or the failure of {@code getFile} (flood control and 5xx may pass later). */
    private JsonNode getFile(String fileId) {
        ObjectNode p = PluginJson.mapper().createObjectNode();
        p.put("file_id", fileId);
        ActionResult result = client.call(new BotApiCall("getFile", p), answer -> answer.result() != null
                && answer.result().isObject() ? new ActionResult.Delivered(null, answer.result())
                : ActionResult.failed("Telegram's answer carries no File"));
        if (result instanceof ActionResult.Delivered delivered) {
            return delivered.output();
        }
        throw Provider.mediaFailure(result);
    }

    private static MediaFetchException tooLarge(long size, long maxBytes) {
        return MediaFetchException.permanent("the file is " + size + " bytes, over the limit of " + maxBytes);
    }

    private static void close(InputStream body) {
        try {
            body.close();
        } catch (IOException e) {
            // Nothing to save: the download is refused either way.
        }
    }
}
