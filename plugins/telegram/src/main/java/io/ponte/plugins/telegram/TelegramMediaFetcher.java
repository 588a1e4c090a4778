package io.ponte.plugins.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ponte.api.error.PermanentException;
import io.ponte.api.error.RetriableException;
import io.ponte.api.media.MediaFetcher;
import io.ponte.api.media.MediaFile;
import io.ponte.api.message.MessageJson;
import io.ponte.plugins.telegram.model.BotApiAnswer;
import io.ponte.plugins.telegram.model.BotApiCall;
import java.io.IOException;
import java.io.InputStream;

/**
 * Downloads inbound media by Telegram {@code file_id}: {@code getFile} for the path and size, then
 * {@code GET {apiBaseUrl}/file/bot<token>/<file_path>}. A file over the hub's limit is refused before the download,
 * by the size {@code getFile} declares and again by the download's {@code Content-Length}. The cloud Bot API serves
 * files up to 20 MB only; for bigger ones it gives no path, which fails permanently. The MIME type comes from the
 * path ({@link FileTypes}). Thread-safe.
 */
final class TelegramMediaFetcher implements MediaFetcher {

    private final TelegramClient client;
    private final CallOutcomes outcomes;

    TelegramMediaFetcher(TelegramClient client, CallOutcomes outcomes) {
        this.client = client;
        this.outcomes = outcomes;
    }

    @Override
    public MediaFile fetch(String mediaId, long maxBytes) {
        if (mediaId == null || mediaId.isBlank()) {
            throw new PermanentException("getFile: no file id given");
        }
        JsonNode file = getFile(mediaId);
        long declared = file.path("file_size").canConvertToLong() ? file.get("file_size").longValue() : -1;
        if (declared > maxBytes) {
            throw new PermanentException("the file is " + declared + " bytes, over the limit of " + maxBytes);
        }
        String path = file.path("file_path").isTextual() ? file.get("file_path").textValue() : null;
        if (path == null || path.isBlank()) {
            throw new PermanentException("Telegram gives no download path for this file (bots can download files of "
                    + "up to 20 MB only)");
        }
        TelegramClient.Download download;
        try {
            download = client.download(path);
        } catch (IOException e) {
            throw new RetriableException(e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RetriableException("file download: interrupted");
        }
        if (download.status() != 200) {
            close(download.body());
            String reason = "file download: HTTP " + download.status();
            if (download.status() == 429 || download.status() >= 500) {
                throw new RetriableException(reason);
            }
            throw new PermanentException(reason);
        }
        if (download.contentLength() > maxBytes) {
            close(download.body());
            throw new PermanentException("the file is " + download.contentLength() + " bytes, over the limit of "
                    + maxBytes);
        }
        Long size = declared >= 0 ? Long.valueOf(declared)
                : download.contentLength() >= 0 ? Long.valueOf(download.contentLength()) : null;
        return new MediaFile(FileTypes.mimeOf(path), FileTypes.fileName(path), size, null, download.body());
    }

    private JsonNode getFile(String fileId) {
        ObjectNode p = MessageJson.mapper().createObjectNode();
        p.put("file_id", fileId);
        BotApiAnswer answer;
        try {
            answer = client.call(new BotApiCall("getFile", p));
        } catch (IOException e) {
            throw new RetriableException(e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RetriableException("getFile: interrupted");
        }
        outcomes.observe(answer);
        if (answer.ok() && answer.result() != null && answer.result().isObject()) {
            return answer.result();
        }
        if (answer.errorCode() == 401) {
            throw new PermanentException(CallOutcomes.TOKEN_REFUSED);
        }
        String reason = "getFile: " + answer.reason();
        if (answer.errorCode() == 429 || answer.retryAfter() != null || answer.errorCode() >= 500
                || answer.httpStatus() >= 500) {
            throw new RetriableException(reason);
        }
        throw new PermanentException(reason);
    }

    private static void close(InputStream body) {
        try {
            body.close();
        } catch (IOException e) {
            // Nothing to save: the download is refused either way.
        }
    }
}
