package io.ponte.plugins.telegram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ponte.api.media.MediaFetchException;
import io.ponte.api.media.MediaFetcher;
import io.ponte.api.media.MediaFile;
import io.ponte.plugins.telegram.fake.FakeBotApi;
import io.ponte.testkit.fake.Answer;
import java.nio.charset.StandardCharsets;
import org.assertj.core.api.AbstractThrowableAssert;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Inbound media by file id: getFile, then the download, through the fake. */
class MediaFetchTest {

    private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 1, 2, 3, 4};

    private FakeBotApi telegram;
    private MediaFetcher media;

    @BeforeEach
    void start() {
        telegram = new FakeBotApi();
        media = Bots.open(Bots.context(telegram)).media().orElseThrow();
    }

    @AfterEach
    void stop() {
        telegram.close();
    }

    /** Asserts that the fetch fails for good, and returns the assertion on its failure. */
    private static AbstractThrowableAssert<?, ? extends Throwable> assertNever(ThrowingCallable fetch) {
        return assertThatThrownBy(fetch).isInstanceOfSatisfying(MediaFetchException.class,
                e -> assertThat(e.retriable()).as("retriable").isFalse());
    }

    /** Asserts that the fetch fails for now, and returns the assertion on its failure. */
    private static AbstractThrowableAssert<?, ? extends Throwable> assertLater(ThrowingCallable fetch) {
        return assertThatThrownBy(fetch).isInstanceOfSatisfying(MediaFetchException.class,
                e -> assertThat(e.retriable()).as("retriable").isTrue());
    }

    @Test
    void downloads_a_photo_as_jpeg_after_asking_get_file_for_its_path() throws Exception {
        telegram.addFile("AgACAgEAAxkBAAIQe2PonteReceiptLarge", "photos/file_12.jpg", JPEG);
        try (MediaFile file = media.fetch("AgACAgEAAxkBAAIQe2PonteReceiptLarge", 1_000_000)) {
            assertThat(file.mimeType()).isEqualTo("image/jpeg");
            assertThat(file.fileName()).isEqualTo("file_12.jpg");
            assertThat(file.size()).isEqualTo(JPEG.length);
            assertThat(file.sha256()).isNull();
            assertThat(file.content().readAllBytes()).isEqualTo(JPEG);
        }
        assertThat(telegram.calls()).hasSize(1);
        assertThat(telegram.lastCall().method()).isEqualTo("getFile");
        assertThat(telegram.lastCall().body()).isEqualTo(Bots.json(
                "{\"file_id\":\"AgACAgEAAxkBAAIQe2PonteReceiptLarge\"}"));
        assertThat(telegram.requests().get(1).method()).isEqualTo("GET");
        assertThat(telegram.requests().get(1).path())
                .isEqualTo("/file/bot" + FakeBotApi.DEFAULT_TOKEN + "/photos/file_12.jpg");
    }

    @Test
    void derives_the_mime_type_from_the_file_path() throws Exception {
        byte[] ogg = "OggS voice".getBytes(StandardCharsets.UTF_8);
        telegram.addFile("AwACAgEAAxkBAAIQg2PonteVoice01", "voice/file_3.oga", ogg);
        try (MediaFile file = media.fetch("AwACAgEAAxkBAAIQg2PonteVoice01", 1_000)) {
            assertThat(file.mimeType()).isEqualTo("audio/ogg");
        }
        assertThat(FileTypes.mimeOf("documents/file_9.pdf")).isEqualTo("application/pdf");
        assertThat(FileTypes.mimeOf("stickers/file_1.webp")).isEqualTo("image/webp");
        assertThat(FileTypes.mimeOf("stickers/file_2.tgs")).isEqualTo("application/x-tgsticker");
        assertThat(FileTypes.mimeOf("video_notes/file_4.mp4")).isEqualTo("video/mp4");
        assertThat(FileTypes.mimeOf("photos/file_5")).isEqualTo("image/jpeg");
        assertThat(FileTypes.mimeOf("documents/file_6")).isEqualTo("application/octet-stream");
    }

    @Test
    void refuses_a_file_over_the_limit_before_downloading_it() {
        telegram.addFile("BQACbig", "documents/file_7.zip", new byte[2_000]);
        assertNever(() -> media.fetch("BQACbig", 1_999))
                .hasMessage("the file is 2000 bytes, over the limit of 1999");
        assertThat(telegram.requests()).hasSize(1);
    }

    @Test
    void refuses_a_download_whose_length_is_over_the_limit_when_get_file_gave_no_size() {
        telegram.enqueue(Answer.json(200, "{\"ok\":true,\"result\":{\"file_id\":\"BQACnosize\","
                + "\"file_unique_id\":\"AgADx\",\"file_path\":\"documents/file_8.pdf\"}}"));
        telegram.addFile("other", "documents/file_8.pdf", new byte[500]);
        assertNever(() -> media.fetch("BQACnosize", 100))
                .hasMessage("the file is 500 bytes, over the limit of 100");
    }

    @Test
    void fails_permanently_for_an_unknown_file_id_or_a_file_telegram_will_not_serve() {
        assertNever(() -> media.fetch("nope", 1_000))
                .hasMessage("getFile: Bad Request: invalid file_id");
        telegram.enqueue(Answer.json(400,
                "{\"ok\":false,\"error_code\":400,\"description\":\"Bad Request: file is too big\"}"));
        assertNever(() -> media.fetch("BQAChuge", 100_000_000))
                .hasMessage("getFile: Bad Request: file is too big");
    }

    @Test
    void asks_to_try_later_under_flood_control_or_server_errors() {
        telegram.rateLimitNext(5);
        assertLater(() -> media.fetch("x", 1_000));
        telegram.addFile("ok", "photos/file_1.jpg", JPEG);
        telegram.enqueue(Answer.json(200, "{\"ok\":true,\"result\":{\"file_id\":\"ok\",\"file_unique_id\":\"u\","
                + "\"file_size\":8,\"file_path\":\"photos/file_1.jpg\"}}"));
        telegram.enqueue(Answer.text(502, "Bad Gateway"));
        assertLater(() -> media.fetch("ok", 1_000))
                .hasMessage("file download: HTTP 502");
    }

    @Test
    void never_puts_the_token_in_a_failure() {
        TelegramConnector wrong = Bots.open(Bots.context(telegram.baseUrl(), "7000000001:AAWrongMediaToken", null));
        assertNever(() -> wrong.media().orElseThrow().fetch("x", 1_000))
                .hasMessage("getFile: " + BotApiErrors.TOKEN_REFUSED);
    }
}
