package io.ponte.plugins.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ponte.api.connector.Connector;
import io.ponte.api.connector.Health;
import io.ponte.api.media.MediaFetchException;
import io.ponte.api.media.MediaFetcher;
import io.ponte.api.media.MediaFile;
import io.ponte.plugins.whatsapp.fake.FakeGraphApi;
import io.ponte.testkit.TestConnectorContext;
import io.ponte.testkit.fake.Answer;
import io.ponte.testkit.fake.Recorded;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Inbound media in Meta's two steps (GET /{media-id}, then the URL) against the fake. */
class MediaFetchTest {

    private static final byte[] JPEG = "\u00ff\u00d8\u00ff\u00e0 not really a jpeg".getBytes(StandardCharsets.ISO_8859_1);

    private static final Consumer<MediaFetchException> PERMANENT = e -> assertThat(e.retriable()).isFalse();
    private static final Consumer<MediaFetchException> RETRIABLE = e -> assertThat(e.retriable()).isTrue();

    private final FakeGraphApi graph = new FakeGraphApi(Fixtures.PHONE_NUMBER_ID, Fixtures.ACCESS_TOKEN);
    private final TestConnectorContext context = Fixtures.context(graph.baseUrl());
    private final Connector connector = new WhatsAppConnectorFactory().open(context);
    private final MediaFetcher media = connector.media().orElseThrow();

    @AfterEach
    void stop() {
        connector.close();
        graph.close();
    }

    @Test
    void downloads_by_media_id_with_the_bearer_token_on_both_steps() throws Exception {
        graph.addMedia("2045113399887766", "image/jpeg", JPEG);

        try (MediaFile file = media.fetch("2045113399887766", 1_000_000)) {
            assertThat(file.content().readAllBytes()).isEqualTo(JPEG);
            assertThat(file.mimeType()).isEqualTo("image/jpeg");
            assertThat(file.size()).isEqualTo(JPEG.length);
            assertThat(file.sha256()).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(JPEG)));
            assertThat(file.fileName()).isNull();
        }
        assertThat(graph.requests()).extracting(Recorded::path)
                .containsExactly("/v21.0/2045113399887766", "/whatsapp_business/attachments/");
        assertThat(graph.requests()).allSatisfy(r ->
                assertThat(r.header("authorization")).isEqualTo("Bearer " + Fixtures.ACCESS_TOKEN));
    }

    @Test
    void accepts_a_download_whose_content_type_adds_parameters() throws Exception {
        graph.addMedia("1822334455667788", "audio/ogg; codecs=opus", "audio/ogg", JPEG);

        try (MediaFile file = media.fetch("1822334455667788", 1_000_000)) {
            assertThat(file.mimeType()).isEqualTo("audio/ogg; codecs=opus");
        }
    }

    @Test
    void refuses_a_file_over_the_limit_before_downloading_it() {
        graph.addMedia("2045113399887766", "image/jpeg", JPEG);

        assertThatThrownBy(() -> media.fetch("2045113399887766", JPEG.length - 1))
                .isInstanceOfSatisfying(MediaFetchException.class, PERMANENT).hasMessageContaining("over the limit");
        assertThat(graph.requests()).hasSize(1);
    }

    @Test
    void refuses_a_download_that_is_not_the_declared_type() {
        graph.addMedia("744556677889900", "application/pdf", "text/html; charset=utf-8", JPEG);

        assertThatThrownBy(() -> media.fetch("744556677889900", 1_000_000))
                .isInstanceOfSatisfying(MediaFetchException.class, PERMANENT).hasMessageContaining("application/pdf")
                .hasMessageContaining("text/html");
    }

    @Test
    void an_unknown_or_expired_media_id_is_permanent() {
        graph.enqueue(graph.error(404, 100, null, "Media not found", null));

        assertThatThrownBy(() -> media.fetch("999", 1_000)).isInstanceOfSatisfying(MediaFetchException.class,
                PERMANENT)
                .hasMessageContaining("expired or unknown");
        assertThatThrownBy(() -> media.fetch("998", 1_000)).isInstanceOfSatisfying(MediaFetchException.class,
                PERMANENT)
                .hasMessageContaining("expired or unknown");
    }

    @Test
    void rate_limits_and_server_errors_are_retriable() {
        graph.enqueue(graph.error(429, 4, null, "(#4) Application request limit reached", null));
        graph.enqueue(Answer.text(502, ""));

        assertThatThrownBy(() -> media.fetch("1", 1_000)).isInstanceOfSatisfying(MediaFetchException.class, RETRIABLE);
        assertThatThrownBy(() -> media.fetch("1", 1_000)).isInstanceOfSatisfying(MediaFetchException.class, RETRIABLE);
    }

    @Test
    void a_rejected_token_is_permanent_and_reports_the_connection_down() {
        graph.acceptToken("EAAother");

        assertThatThrownBy(() -> media.fetch("1", 1_000)).isInstanceOfSatisfying(MediaFetchException.class,
                PERMANENT)
                .hasMessageContaining("rejected the access token").hasMessageNotContaining(Fixtures.ACCESS_TOKEN);
        assertThat(context.reportedHealth()).extracting(Health::status).containsExactly(Health.Status.DOWN);
    }

    @Test
    void never_sends_the_token_to_a_media_url_on_another_host_or_port() {
        try (FakeGraphApi elsewhere = new FakeGraphApi(Fixtures.PHONE_NUMBER_ID, Fixtures.ACCESS_TOKEN).start()) {
            URI other = URI.create(elsewhere.baseUrl());
            for (String host : List.of("localhost", "127.0.0.1")) {
                graph.enqueue(Answer.json(200, mediaInfo("http://" + host + ":" + other.getPort()
                        + "/whatsapp_business/attachments/?mid=2045113399887766")));

                assertThatThrownBy(() -> media.fetch("2045113399887766", 1_000_000), host)
                        .isInstanceOfSatisfying(MediaFetchException.class, PERMANENT)
                        .hasMessageContaining("media URL on " + host + ":" + other.getPort())
                        .hasMessageContaining("refusing to send the access token")
                        .hasMessageNotContaining(Fixtures.ACCESS_TOKEN);
            }
            assertThat(elsewhere.requests()).as("the other host heard nothing, token or not").isEmpty();
        }
    }

    @Test
    void refuses_a_lookalike_of_metas_media_host_without_a_download() {
        graph.enqueue(Answer.json(200,
                mediaInfo("https://lookaside.fbsbx.com.example.net/whatsapp_business/attachments/?mid=1")));

        assertThatThrownBy(() -> media.fetch("2045113399887766", 1_000_000))
                .isInstanceOfSatisfying(MediaFetchException.class, PERMANENT)
                .hasMessageContaining("media URL on lookaside.fbsbx.com.example.net");
        assertThat(graph.requests()).extracting(Recorded::path).containsExactly("/v21.0/2045113399887766");
    }

    private static String mediaInfo(String url) {
        return "{\"messaging_product\":\"whatsapp\",\"url\":\"" + url + "\",\"mime_type\":\"image/jpeg\","
                + "\"sha256\":\"a8ddce321e19589c77a06d1d3f25b5989dec0526f433b835caaf324e026f1364\","
                + "\"file_size\":\"" + JPEG.length + "\",\"id\":\"2045113399887766\"}";
    }

    @Test
    void refuses_ids_that_are_not_media_ids_without_a_call() {
        assertThatThrownBy(() -> media.fetch("../" + Fixtures.PHONE_NUMBER_ID + "/messages", 1_000))
                .isInstanceOfSatisfying(MediaFetchException.class, PERMANENT);
        assertThat(graph.requests()).isEmpty();
    }
}
