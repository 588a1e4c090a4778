package io.ponte.plugins.telegram;

import io.ponte.plugins.telegram.model.BotApiAnswer;
import io.ponte.plugins.telegram.model.BotApiCall;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpTimeoutException;

/**
 * The Telegram Bot API as the connector needs it: JSON method calls and file downloads. Implementations are
 * thread-safe and never put the bot token (which is part of every URL) into an exception message.
 */
public interface TelegramClient {

    /**
     * Calls one Bot API method.
     *
     * @param call the method and its parameters
     * @return Telegram's answer, successful or not; never null
     * @throws HttpTimeoutException when Telegram did not answer in time
     * @throws IOException          when Telegram could not be reached
     * @throws InterruptedException when the calling thread was interrupted
     */
    BotApiAnswer call(BotApiCall call) throws IOException, InterruptedException;

    /**
     * Starts downloading a file by the {@code file_path} that {@code getFile} returned.
     *
     * @param filePath the file's path on the Bot API server
     * @return the response; the caller closes its body
     * @throws HttpTimeoutException when Telegram did not answer in time
     * @throws IOException          when Telegram could not be reached
     * @throws InterruptedException when the calling thread was interrupted
     */
    Download download(String filePath) throws IOException, InterruptedException;

    /**
     * A file download's response.
     *
     * @param status        the HTTP status
     * @param contentLength the declared length in bytes, or -1 when unknown
     * @param body          the bytes; the caller closes it
     */
    record Download(int status, long contentLength, InputStream body) {
    }
}
