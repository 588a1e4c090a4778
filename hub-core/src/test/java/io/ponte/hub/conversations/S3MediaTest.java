package io.ponte.hub.conversations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ponte.hub.testing.S3Server;
import io.ponte.hub.testing.TestDatabase;
import io.ponte.hub.testing.TestHub;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code PONTE_MEDIA_STORE=s3://...}: media kept in an S3-compatible bucket (a real S3Proxy in this JVM, checking AWS
 * signatures), so every node serves what any node downloaded.
 */
class S3MediaTest {

    private static S3Server s3;

    @BeforeAll
    static void startS3() throws Exception {
        s3 = new S3Server("ponte-media");
    }

    @AfterAll
    static void stopS3() throws Exception {
        s3.close();
    }

    private static TestHub.Builder hub(TestDatabase db, String prefix) {
        TestHub.Builder b = TestHub.builder().database(db).connectors(new ChatConnector());
        s3.env(prefix).forEach(b::env);
        return b;
    }

    private static String mediaEvent(TestHub hub, String chat, String id) {
        hub.hook(chat, "[{\"kind\":\"media\",\"id\":\"" + id + "\",\"from\":\"999\",\"mediaId\":\"MID-" + id
                + "\",\"mime\":\"image/png\"}]");
        return hub.events("connection=" + chat).stream().filter(e -> e.get("externalId").asText().equals(id))
                .findFirst().orElseThrow().get("id").asText();
    }

    private static HttpResponse<byte[]> download(TestHub hub, String eventId) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(hub.uri("/api/v1/media/" + eventId))
                .header("Authorization", "Bearer " + TestHub.ADMIN_TOKEN).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void keeps_media_in_the_bucket_not_on_the_node_and_serves_them_after_a_restart_without_fetching_again()
            throws Exception {
        try (TestHub hub = hub(TestDatabase.h2(), "node-a").start()) {
            String chat = hub.createConnection("chat", "chat", Map.of());
            String event = mediaEvent(hub, chat, "s1");
            int before = ChatConnector.MEDIA_FETCHES.get();

            HttpResponse<byte[]> first = download(hub, event);
            assertThat(first.statusCode()).as(new String(first.body())).isEqualTo(200);
            assertThat(first.body()).isEqualTo(ChatConnector.PICTURE);
            assertThat(first.headers().firstValue("content-type")).hasValue("image/png");
            assertThat(first.headers().firstValue("content-disposition").orElseThrow()).contains("pic.png");
            assertThat(s3.has("node-a/" + event)).as("stored in the bucket under the prefix").isTrue();
            assertThat(hub.dataDir().resolve("media").resolve(event)).doesNotExist();
            try (var leftovers = Files.list(Files.createDirectories(hub.dataDir().resolve("media-downloads")))) {
                assertThat(leftovers).as("no download left behind").isEmpty();
            }

            hub.restart();
            HttpResponse<byte[]> again = download(hub, event);
            assertThat(again.statusCode()).isEqualTo(200);
            assertThat(again.body()).isEqualTo(ChatConnector.PICTURE);
            assertThat(again.headers().firstValue("x-ponte-sha256"))
                    .isEqualTo(first.headers().firstValue("x-ponte-sha256"));
            assertThat(ChatConnector.MEDIA_FETCHES.get() - before).as("fetched from the provider once").isEqualTo(1);
        }
    }

    @Test
    void a_force_deleted_tenant_takes_its_media_out_of_the_bucket() throws Exception {
        try (TestHub hub = hub(TestDatabase.h2(), "tenants").start()) {
            String tenant = hub.post("/api/v1/tenants", "{\"name\":\"leaving\"}").json().get("id").asText();
            TestHub.Response created = hub.post("/api/v1/connections",
                    "{\"connector\":\"chat\",\"name\":\"theirs\",\"tenant\":\"" + tenant + "\",\"config\":{}}");
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            String theirs = mediaEvent(hub, created.json().get("id").asText(), "t1");
            String ours = mediaEvent(hub, hub.createConnection("chat", "ours", Map.of()), "t2");
            assertThat(download(hub, theirs).statusCode()).isEqualTo(200);
            assertThat(download(hub, ours).statusCode()).isEqualTo(200);
            assertThat(s3.has("tenants/" + theirs)).isTrue();

            assertThat(hub.delete("/api/v1/tenants/" + tenant + "?force=true").status()).isEqualTo(204);

            assertThat(s3.has("tenants/" + theirs)).isFalse();
            assertThat(download(hub, theirs).statusCode()).isEqualTo(404);
            assertThat(s3.has("tenants/" + ours)).as("another tenant's media stay").isTrue();
            assertThat(download(hub, ours).body()).isEqualTo(ChatConnector.PICTURE);
        }
    }

    @Test
    void two_nodes_on_one_postgresql_serve_the_same_media_from_the_shared_bucket() throws Exception {
        TestDatabase pg = TestDatabase.all().stream().skip(1).findFirst().orElse(null);
        assumeTrue(pg != null, "needs PostgreSQL: set " + TestDatabase.PG_ENV);
        String masterKey = Base64.getEncoder().encodeToString(new byte[32]);
        try (TestHub a = hub(pg, "cluster").env("PONTE_MASTER_KEY", masterKey).start()) {
            String chat = a.createConnection("chat", "chat", Map.of());
            String event = mediaEvent(a, chat, "c1");
            try (TestHub b = hub(TestDatabase.h2(), "cluster").env("PONTE_MASTER_KEY", masterKey)
                    .env("PONTE_DB_URL", a.dbUrl()).start()) {
                int before = ChatConnector.MEDIA_FETCHES.get();
                assertThat(download(a, event).body()).isEqualTo(ChatConnector.PICTURE);
                HttpResponse<byte[]> fromB = download(b, event);
                assertThat(fromB.statusCode()).as(new String(fromB.body())).isEqualTo(200);
                assertThat(fromB.body()).isEqualTo(ChatConnector.PICTURE);
                assertThat(ChatConnector.MEDIA_FETCHES.get() - before)
                        .as("node B served node A's download instead of fetching its own").isEqualTo(1);
            }
        }
    }

    @Test
    void a_missing_bucket_or_refused_credentials_stop_the_start_with_what_to_fix() {
        assertThatThrownBy(() -> hub(TestDatabase.h2(), "x").env("PONTE_MEDIA_STORE", "s3://no-such-bucket/x")
                .start().close())
                .hasMessageContaining("no-such-bucket").hasMessageContaining("does not exist");
        assertThatThrownBy(() -> hub(TestDatabase.h2(), "x").env("PONTE_MEDIA_S3_SECRET_KEY", "wrong-secret-key")
                .start().close())
                .hasMessageContaining("access refused").hasMessageContaining("PONTE_MEDIA_S3_ACCESS_KEY");
        assertThatThrownBy(() -> TestHub.builder().env("PONTE_MEDIA_STORE", "s3://Bad_Bucket").start().close())
                .hasMessageContaining("PONTE_MEDIA_STORE");
        assertThatThrownBy(() -> TestHub.builder().env("PONTE_MEDIA_S3_ENDPOINT", "http://127.0.0.1:9").start()
                .close()).hasMessageContaining("PONTE_MEDIA_STORE is local");
    }
}
