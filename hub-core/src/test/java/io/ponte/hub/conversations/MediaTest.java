package io.ponte.hub.conversations;

import static org.assertj.core.api.Assertions.assertThat;

import io.ponte.hub.testing.TestDatabase;
import io.ponte.hub.testing.TestHub;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.util.HexFormat;
import io.ponte.hub.storage.Database;
import io.ponte.hub.storage.MediaStore;
import io.ponte.hub.storage.Retention;
import io.ponte.hub.storage.Stores;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code GET /api/v1/media/{eventId}}: downloaded through the connector once, checked, then served from disk. */
class MediaTest {

    private static String mediaEvent(TestHub hub, String chat, String id, String mime) {
        hub.hook(chat, "[{\"kind\":\"media\",\"id\":\"" + id + "\",\"from\":\"999\",\"mediaId\":\"MID-" + id + "\""
                + (mime == null ? "" : ",\"mime\":\"" + mime + "\"") + "}]");
        return hub.events("connection=" + chat).stream().filter(e -> e.get("externalId").asText().equals(id))
                .findFirst().orElseThrow().get("id").asText();
    }

    private static HttpResponse<byte[]> download(TestHub hub, String eventId) throws Exception {
        return java.net.http.HttpClient.newHttpClient().send(HttpRequest.newBuilder(hub.uri("/api/v1/media/" + eventId))
                .header("Authorization", "Bearer " + TestHub.ADMIN_TOKEN).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void downloads_inbound_media_once_checks_its_checksum_and_serves_the_stored_copy() throws Exception {
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(ChatConnector.PICTURE));
        try (TestHub hub = TestHub.builder().database(TestDatabase.h2()).connectors(new ChatConnector()).start()) {
            String chat = hub.createConnection("chat", "chat", Map.of("mediaSha256", sha));
            String event = mediaEvent(hub, chat, "p1", "image/png");
            int before = ChatConnector.MEDIA_FETCHES.get();
            HttpResponse<byte[]> r = download(hub, event);
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).isEqualTo(ChatConnector.PICTURE);
            assertThat(r.headers().firstValue("content-type")).hasValue("image/png");
            assertThat(r.headers().firstValue("content-disposition").orElseThrow()).contains("pic.png");
            assertThat(r.headers().firstValue("x-ponte-sha256")).hasValue(sha);
            assertThat(download(hub, event).body()).isEqualTo(ChatConnector.PICTURE);
            assertThat(ChatConnector.MEDIA_FETCHES.get() - before).as("fetched from the provider once").isEqualTo(1);
        }
    }

    @Test
    void refuses_media_whose_checksum_type_or_size_is_wrong_and_answers_404_without_media() throws Exception {
        try (TestHub hub = TestHub.builder().database(TestDatabase.h2()).connectors(new ChatConnector())
                .env("PONTE_MEDIA_MAX_BYTES", "1024").start()) {
            String wrongSha = hub.createConnection("chat", "bad-sha", Map.of("mediaSha256", "00".repeat(32)));
            HttpResponse<byte[]> r = download(hub, mediaEvent(hub, wrongSha, "p2", "image/png"));
            assertThat(r.statusCode()).isEqualTo(409);
            assertThat(new String(r.body())).contains("SHA-256");

            String chat = hub.createConnection("chat", "chat", Map.of());
            HttpResponse<byte[]> mime = download(hub, mediaEvent(hub, chat, "p3", "video/mp4"));
            assertThat(mime.statusCode()).isEqualTo(409);
            assertThat(new String(mime.body())).contains("image/png").contains("video/mp4");

            hub.hook(chat, "[{\"kind\":\"message\",\"id\":\"t1\",\"from\":\"999\",\"text\":\"no media here\"}]");
            String text = hub.events("connection=" + chat).stream()
                    .filter(e -> e.get("externalId").asText().equals("t1")).findFirst().orElseThrow().get("id").asText();
            assertThat(download(hub, text).statusCode()).isEqualTo(404);
            assertThat(download(hub, "evt_01KZZZZZZZZZZZZZZZZZZZZZZZ").statusCode()).isEqualTo(404);
            assertThat(download(hub, "../../etc/passwd").statusCode()).isEqualTo(404);
        }
    }

    @Test
    void a_force_deleted_tenant_takes_its_media_files_along() throws Exception {
        try (TestHub hub = TestHub.builder().database(TestDatabase.h2()).connectors(new ChatConnector()).start()) {
            String tenant = hub.post("/api/v1/tenants", "{\"name\":\"leaving\"}").json().get("id").asText();
            TestHub.Response created = hub.post("/api/v1/connections",
                    "{\"connector\":\"chat\",\"name\":\"theirs\",\"tenant\":\"" + tenant + "\",\"config\":{}}");
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            String theirs = mediaEvent(hub, created.json().get("id").asText(), "p1", "image/png");
            String ours = mediaEvent(hub, hub.createConnection("chat", "ours", Map.of()), "p2", "image/png");
            assertThat(download(hub, theirs).statusCode()).isEqualTo(200);
            assertThat(download(hub, ours).statusCode()).isEqualTo(200);
            Path media = hub.dataDir().resolve("media");
            assertThat(media.resolve(theirs)).exists();
            assertThat(media.resolve(theirs + ".properties")).exists();

            assertThat(hub.delete("/api/v1/tenants/" + tenant + "?force=true").status()).isEqualTo(204);

            assertThat(media.resolve(theirs)).doesNotExist();
            assertThat(media.resolve(theirs + ".properties")).doesNotExist();
            assertThat(download(hub, theirs).statusCode()).isEqualTo(404);
            assertThat(media.resolve(ours)).as("another tenant's media stay").exists();
            assertThat(download(hub, ours).body()).isEqualTo(ChatConnector.PICTURE);
        }
    }

    static List<TestDatabase> databases() {
        return TestDatabase.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void retention_deletes_the_media_files_of_the_events_it_deletes(TestDatabase db) throws Exception {
        try (TestHub hub = TestHub.builder().database(db).connectors(new ChatConnector()).start()) {
            String chat = hub.createConnection("chat", "chat", Map.of());
            String event = mediaEvent(hub, chat, "p1", "image/png");
            assertThat(download(hub, event).statusCode()).isEqualTo(200);
            Path file = hub.dataDir().resolve("media").resolve(event);
            assertThat(file).exists();

            // the hourly job, as it runs once the event is older than PONTE_RETENTION_DAYS (30)
            hub.restart(config -> {
                try (Database database = new Database(config)) {
                    Stores stores = new Stores(database.jdbi());
                    try (MediaStore media = MediaStore.open(config, stores.events())) {
                        new Retention(stores, media, config.retention(),
                                Clock.offset(Clock.systemUTC(), Duration.ofDays(31)),
                                stores.outbox()::commitAlone).run();
                    }
                }
            });

            assertThat(file).doesNotExist();
            assertThat(file.resolveSibling(event + ".properties")).doesNotExist();
            assertThat(hub.events("connection=" + chat)).isEmpty();
            assertThat(download(hub, event).statusCode()).isEqualTo(404);
        }
    }
}
