package io.ponte.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ponte.hub.security.MasterKey;
import io.ponte.hub.security.SecretBox;
import io.ponte.hub.storage.Database;
import io.ponte.hub.storage.Stores;
import io.ponte.hub.testing.HttpSink;
import io.ponte.hub.testing.TestHub;
import io.ponte.plugins.telegram.fake.FakeBotApi;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.extension.RegisterExtension;
import java.nio.charset.StandardCharsets;
import java.net.URLEncoder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every bad input gets a precise 4xx problem, stores nothing, and leaves the hub healthy. */
class BadInputIT {

    private static final String SECRET = "s3cret-shared-with-the-sender-0123456789";
    private static final String GOOD = "{\"id\":\"m1\",\"from\":\"5511999990001\",\"text\":\"oi\"}";

    private static HttpSink sink;
    private static TestHub hub;
    private static String signed;
    private static String out;

    @BeforeAll
    static void start() {
        sink = new HttpSink();
        hub = TestHub.builder().pluginsDir(Distribution.plugins()).env("PONTE_HTTP_MAX_BODY_BYTES", "4096")
                .env("PONTE_HOOKS_MAX_BODY_BYTES", "4096").start();
        signed = hub.createConnection("http", "signed", Map.of("secret", SECRET));
        out = hub.createConnection("http", "out", Map.of("url", sink.url("/x")));
        hub.createRoute("""
                {"name":"fwd","match":{"source":"%s"},
                 "actions":[{"target":"%s","action":"message.send","input":{"text":"{{payload.content.text}}"}}]}
                """.formatted(signed, out));
    }

    @AfterAll
    static void stop() {
        hub.close();
        sink.close();
    }

    private static void assertProblem(TestHub.Response r, int status, String type, String detailPart) {
        assertProblemOn(hub, r, status, type, detailPart);
        assertThat(hub.events("connection=" + signed)).as("nothing stored").isEmpty();
    }

    @Test
    void rejects_a_webhook_without_a_signature() {
        assertProblem(hub.hook(signed, GOOD), 401, "webhook-rejected", "signature");
    }

    @Test
    void rejects_a_webhook_with_a_bad_signature() {
        assertProblem(hub.hook(signed, GOOD, Signatures.standardHeaders("wrong-secret-0123456789abcdef0123", GOOD)),
                401, "webhook-rejected", "webhook-signature does not match");
    }

    @Test
    void rejects_a_signed_body_that_was_tampered_with() {
        String[] headers = Signatures.standardHeaders(SECRET, GOOD);
        assertProblem(hub.hook(signed, GOOD.replace("oi", "tchau"), headers), 401,
                "webhook-rejected", "webhook-signature does not match");
    }

    @Test
    void rejects_a_replayed_request_whose_timestamp_is_older_than_five_minutes() {
        long tenMinutesAgo = System.currentTimeMillis() / 1000 - 600;
        TestHub.Response r = hub.hook(signed, GOOD, "webhook-id", "msg_old",
                "webhook-timestamp", Long.toString(tenMinutesAgo),
                "webhook-signature", Signatures.standard(SECRET, "msg_old", tenMinutesAgo, GOOD));
        assertProblem(r, 401, "webhook-rejected", "webhook-timestamp has expired");
    }

    @Test
    void rejects_the_retired_x_ponte_signature_naming_the_headers_to_send_instead() {
        String bodyOnly = "sha256=" + java.util.HexFormat.of().formatHex(
                Signatures.hmac(SECRET.getBytes(java.nio.charset.StandardCharsets.UTF_8), GOOD));
        TestHub.Response r = hub.hook(signed, GOOD, "X-Ponte-Signature", bodyOnly);
        assertProblem(r, 401, "webhook-rejected", "X-Ponte-Signature is no longer accepted");
        assertThat(r.json().get("detail").asText()).contains("webhook-id, webhook-timestamp and webhook-signature");
    }

    @Test
    void refuses_to_save_a_connection_whose_secret_is_shorter_than_32_characters() {
        int before = hub.get("/api/v1/connections").json().get("items").size();
        assertWeakSecretRefused("http", "{\"secret\":\"s3cret-of-only-31-characters-xx\"}", "secret");
        assertWeakSecretRefused("telegram", "{\"botToken\":\"123456789:AAtelegramTokenOfTheTest\","
                + "\"secretToken\":\"s3cret-tok\"}", "secretToken");
        assertThat(hub.get("/api/v1/connections").json().get("items")).as("nothing stored").hasSize(before);
    }

    private static void assertWeakSecretRefused(String connector, String config, String field) {
        TestHub.Response r = hub.post("/api/v1/connections",
                "{\"connector\":\"" + connector + "\",\"name\":\"weak\",\"config\":" + config + "}");
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        assertThat(r.json().get("errors")).singleElement().satisfies(error -> {
            assertThat(error.get("field").asText()).isEqualTo("config." + field);
            assertThat(error.get("message").asText())
                    .isEqualTo("must be at least 32 characters; e.g. `openssl rand -hex 32`");
        });
        assertThat(r.body()).doesNotContain("s3cret");
    }

    @Test
    void rejects_malformed_json_even_when_signed() {
        String body = "{\"id\":\"m1\",\"from\":";
        assertProblem(hub.hook(signed, body, Signatures.standardHeaders(SECRET, body)), 400,
                "webhook-rejected", "not valid JSON");
    }

    @Test
    void rejects_a_message_without_a_sender_naming_the_field() {
        String body = "{\"id\":\"m1\",\"text\":\"oi\"}";
        assertProblem(hub.hook(signed, body, Signatures.standardHeaders(SECRET, body)), 400,
                "webhook-rejected", "from");
    }

    @Test
    void rejects_a_batch_with_one_bad_message_and_stores_none_of_it() {
        String body = "[" + GOOD + ",{\"id\":\"m2\",\"from\":\"1\"}]";
        assertProblem(hub.hook(signed, body, Signatures.standardHeaders(SECRET, body)), 400,
                "webhook-rejected", "[1]");
    }

    @Test
    void rejects_an_oversized_body() {
        String body = "{\"id\":\"big\",\"from\":\"1\",\"text\":\"" + "x".repeat(5000) + "\"}";
        assertProblem(hub.hook(signed, body, Signatures.standardHeaders(SECRET, body)), 413,
                "body-too-large", "4096");
    }

    @Test
    void rejects_an_oversized_admin_request_naming_the_limit() {
        TestHub.Response r = hub.post("/api/v1/connections",
                "{\"connector\":\"http\",\"name\":\"" + "x".repeat(5000) + "\"}");
        assertThat(r.status()).isEqualTo(413);
        assertThat(r.json().get("type").asText()).isEqualTo("urn:ponte:problem:body-too-large");
        assertThat(r.json().get("detail").asText()).contains("4096").contains("PONTE_HTTP_MAX_BODY_BYTES");
        assertThat(hub.get("/api/v1/connections").json().get("items")).hasSize(2);
    }

    @Test
    void answers_an_unknown_connection_as_a_closed_one_so_nobody_learns_which_ids_exist() {
        TestHub.Response r = hub.hook("con_DOESNOTEXIST", GOOD);
        assertThat(r.status()).isEqualTo(503);
        assertThat(r.json().get("type").asText()).isEqualTo("urn:ponte:problem:unavailable");
    }

    @Test
    void accepts_the_correctly_signed_message() {
        try (TestHub other = TestHub.builder().pluginsDir(Distribution.plugins()).start()) {
            String conn = other.createConnection("http", "signed", Map.of("secret", SECRET));
            TestHub.Response r = other.hook(conn, GOOD, Signatures.standardHeaders(SECRET, GOOD));
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            long ts = System.currentTimeMillis() / 1000;
            String whsec = "whsec_" + java.util.Base64.getEncoder().encodeToString("0123456789abcdef0123".getBytes());
            String std = other.createConnection("http", "standard", Map.of("secret", whsec));
            String body = GOOD.replace("m1", "m2");
            TestHub.Response r2 = other.hook(std, body, "webhook-id", "msg_1", "webhook-timestamp", Long.toString(ts),
                    "webhook-signature", Signatures.standard(whsec, "msg_1", ts, body));
            assertThat(r2.status()).as(r2.body()).isEqualTo(200);
            assertThat(other.events("")).hasSize(2);
        }
    }

    @Test
    void admin_api_requires_the_bearer_token() {
        TestHub.Response none = hub.send(HttpRequest.newBuilder(hub.uri("/api/v1/connections")).GET());
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.header("WWW-Authenticate")).startsWith("Bearer");
        assertThat(none.json().get("type").asText()).isEqualTo("urn:ponte:problem:unauthorized");
        TestHub.Response wrong = hub.send(HttpRequest.newBuilder(hub.uri("/api/v1/connections")).GET()
                .header("Authorization", "Bearer nope-nope-nope-nope"));
        assertThat(wrong.status()).isEqualTo(401);
    }

    @Test
    void rejects_a_connection_config_naming_every_bad_field() {
        TestHub.Response r = hub.post("/api/v1/connections",
                "{\"connector\":\"http\",\"name\":\"x\",\"config\":{\"url\":\"not a url\",\"colour\":\"red\"}}");
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.json().get("errors")).extracting(e -> e.get("field").asText())
                .contains("config.url", "config.colour");
        TestHub.Response unknown = hub.post("/api/v1/connections", "{\"connector\":\"fax\",\"name\":\"x\"}");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().get("errors").get(0).get("field").asText()).isEqualTo("connector");
        assertThat(unknown.json().get("detail").asText()).contains("http");
    }

    @Test
    void rejects_malformed_admin_requests() {
        TestHub.Response notJson = hub.post("/api/v1/connections", "{\"connector\":");
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(notJson.json().get("type").asText()).isEqualTo("urn:ponte:problem:malformed-json");
        TestHub.Response typo = hub.post("/api/v1/connections", "{\"conector\":\"http\",\"name\":\"x\"}");
        assertThat(typo.status()).isEqualTo(400);
        assertThat(typo.json().get("detail").asText()).contains("conector");
        TestHub.Response wrongType = hub.send(HttpRequest.newBuilder(hub.uri("/api/v1/connections"))
                .POST(HttpRequest.BodyPublishers.ofString("connector=http"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", "Bearer " + TestHub.ADMIN_TOKEN));
        assertThat(wrongType.status()).isEqualTo(415);
        assertThat(hub.get("/api/v1/deliveries?status=lost").status()).isEqualTo(400);
        assertThat(hub.get("/api/v1/events?limit=100000").status()).isEqualTo(400);
    }

    @Test
    void rejects_a_route_with_bad_cel_naming_it() {
        TestHub.Response r = hub.post("/api/v1/routes", """
                {"name":"bad","match":{"condition":"payload.content.text ==="},
                 "actions":[{"target":"%s","action":"message.send","input":{}}]}""".formatted(out));
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.json().get("errors").get(0).get("field").asText()).isEqualTo("match.condition");
        assertThat(r.json().get("detail").asText()).contains("invalid CEL");
        TestHub.Response notBool = hub.post("/api/v1/routes", """
                {"name":"bad","match":{"condition":"'a string'"},
                 "actions":[{"target":"%s","action":"message.send","input":{}}]}""".formatted(out));
        assertThat(notBool.status()).isEqualTo(400);
    }

    @Test
    void rejects_a_route_with_a_bad_template_naming_it() {
        TestHub.Response r = hub.post("/api/v1/routes", """
                {"name":"bad","match":{},
                 "actions":[{"target":"%s","action":"message.send","input":{"text":"{{#payload}}unclosed"}}]}"""
                .formatted(out));
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.json().get("errors").get(0).get("field").asText()).isEqualTo("actions[0].input.text");
    }

    @Test
    void rejects_a_route_to_an_unknown_connection_or_action() {
        TestHub.Response r = hub.post("/api/v1/routes", """
                {"name":"bad","actions":[{"target":"con_NOPE","action":"message.send"},
                                         {"target":"%s","action":"order.get"}]}""".formatted(out));
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.json().get("errors")).extracting(e -> e.get("field").asText())
                .containsExactly("actions[0].target", "actions[1].action");
        assertThat(hub.get("/api/v1/routes").json().get("items")).hasSize(1);
    }

    @Test
    void answers_404_for_unknown_ids_and_paths() {
        assertThat(hub.get("/api/v1/connections/con_NOPE").status()).isEqualTo(404);
        assertThat(hub.get("/api/v1/routes/rte_NOPE").status()).isEqualTo(404);
        assertThat(hub.get("/api/v1/events/evt_NOPE").status()).isEqualTo(404);
        assertThat(hub.get("/api/v1/deliveries/dlv_NOPE").status()).isEqualTo(404);
        assertThat(hub.post("/api/v1/deliveries/dlv_NOPE/retry", "{}").status()).isEqualTo(404);
        assertThat(hub.delete("/api/v1/routes/rte_NOPE").status()).isEqualTo(404);
        TestHub.Response nowhere = hub.get("/api/v1/nowhere");
        assertThat(nowhere.status()).isEqualTo(404);
        assertThat(nowhere.header("Content-Type")).startsWith("application/problem+json");
    }

    /** {@code template} ("...%s...%s...": iteration variable, body) applied {@code depth} times around {@code body}. */
    private static String nestedComprehensions(String template, int depth, String body) {
        String expression = body;
        for (int i = depth - 1; i >= 0; i--) {
            expression = template.formatted((char) ('a' + i), expression);
        }
        return expression;
    }

    @Test
    void refuses_the_conditions_that_held_each_webhook_for_seconds_naming_the_limit() {
        // the reported attacks: .all() nested 8 deep took 18-20 s per webhook; .map() nested 26 deep took 67 s and
        // grew the heap from 2.2 to 6.5 GB. Both used to be saved with 201.
        String all = nestedComprehensions("[1, 2, 3, 4, 5, 6, 7, 8].all(%s, %s)", 8, "a > 0");
        String map = "size(" + nestedComprehensions("[1, 2].map(%s, %s)", 26, "a") + ") > 0";
        for (String condition : java.util.List.of(all, map)) {
            TestHub.Response r = hub.post("/api/v1/routes", """
                    {"name":"bomb","match":{"condition":"%s"},
                     "actions":[{"target":"%s","action":"message.send","input":{}}]}""".formatted(condition, out));
            assertThat(r.status()).as(r.body()).isEqualTo(400);
            assertThat(r.header("Content-Type")).startsWith("application/problem+json");
            JsonNode error = r.json().get("errors").get(0);
            assertThat(error.get("field").asText()).isEqualTo("match.condition");
            assertThat(error.get("message").asText()).contains("nests comprehensions").contains("at most 3");
        }
        assertThat(hub.get("/api/v1/routes").json().get("items")).hasSize(1);
        assertThat(hub.get("/health/ready").status()).isEqualTo(200);
    }

    @Test
    void refuses_a_template_that_could_only_fail_when_a_message_arrives_naming_the_field() {
        TestHub.Response r = hub.post("/api/v1/routes", """
                {"name":"bad","match":{},
                 "actions":[{"target":"%s","action":"message.send","input":{"text":"{{> signature}}"}},
                            {"target":"%s","action":"message.send","input":{"text":"Hi {{payload.from.name"}}]}"""
                .formatted(out, out));
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.json().get("errors")).extracting(e -> e.get("field").asText())
                .containsExactly("actions[0].input.text", "actions[1].input.text");
        assertThat(r.json().get("detail").asText()).contains("partials").contains("unclosed tag");
        assertThat(hub.get("/api/v1/routes").json().get("items")).hasSize(1);
    }

    private static TestHub.Response saveConnection(TestHub on, String json) {
        return on.post("/api/v1/connections", TestHub.parse(json));
    }

    private static void assertConfigFieldRefused(TestHub.Response r, String field, String message) {
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        assertThat(r.json().get("errors")).singleElement().satisfies(error -> {
            assertThat(error.get("field").asText()).isEqualTo(field);
            assertThat(error.get("message").asText()).isEqualTo(message);
        });
    }

    @Test
    void refuses_to_save_an_agent_naming_a_connection_its_tenant_does_not_have_and_saves_it_once_it_exists() {
        try (TestHub other = TestHub.builder().pluginsDir(Distribution.plugins()).start()) {
            String router = """
                    {"connector":"rules-agent","name":"router","config":{"rules":[],
                     "specialists":[{"pattern":"comprar","connection":"%s"}]}}""";
            String assistant = """
                    {"connector":"openai-agent","name":"assistant","config":{"apiKey":"sk-test-0123456789",
                     "tools":["handoff.human","%s"]}}""";
            String chat = other.createConnection("http", "chat", Map.of());
            TestHub.Response t = other.post("/api/v1/tenants", TestHub.parse("{\"name\":\"Loja B\"}"));
            String theirs = saveConnection(other, """
                    {"connector":"rules-agent","name":"their sales","tenant":"%s","config":{"rules":[]}}"""
                    .formatted(t.json().get("id").asText())).json().get("id").asText();

            for (String missing : List.of("con_NOT_YET", theirs, chat)) {
                assertConfigFieldRefused(saveConnection(other, router.formatted(missing)),
                        "config.specialists[0].connection",
                        "no connection '" + missing + "' of this tenant offers agent.reply");
            }
            assertConfigFieldRefused(saveConnection(other, assistant.formatted("con_NOT_YET/message.send")),
                    "config.tools[1]", "no connection 'con_NOT_YET' of this tenant offers message.send");
            assertConfigFieldRefused(saveConnection(other, assistant.formatted(chat + "/order.get")),
                    "config.tools[1]", "no connection '" + chat + "' of this tenant offers order.get");
            assertThat(other.get("/api/v1/connections").json().get("items")).as("nothing stored").hasSize(2);

            // the targets exist (the specialist not even open): the same saves go through
            String sales = saveConnection(other, """
                    {"connector":"rules-agent","name":"sales","enabled":false,"config":{"rules":[]}}""")
                    .json().get("id").asText();
            TestHub.Response saved = saveConnection(other, router.formatted(sales));
            assertThat(saved.status()).as(saved.body()).isEqualTo(201);
            assertThat(saveConnection(other, assistant.formatted(chat + "/message.send")).status()).isEqualTo(201);

            // an update is checked the same way, as the connection it changes, and leaves it as it was when refused
            String routerId = saved.json().get("id").asText();
            for (String bad : List.of("con_NOT_YET", routerId)) {
                TestHub.Response r = other.put("/api/v1/connections/" + routerId, TestHub.parse(router.formatted(bad)));
                assertThat(r.status()).as(r.body()).isEqualTo(400);
                assertThat(r.json().get("errors").get(0).get("field").asText())
                        .isEqualTo("config.specialists[0].connection");
            }
            JsonNode kept = other.get("/api/v1/connections/" + routerId).json();
            assertThat(kept.get("config").get("specialists").get(0).get("connection").asText()).isEqualTo(sales);
            assertThat(kept.get("status").asText()).isEqualTo("active");
        }
    }

    @Test
    void a_connection_saved_with_a_short_secret_before_the_rule_keeps_running_and_re_saving_requires_a_stronger_one() {
        String strong = "a-telegram-secret-token-long-enough-0123456789";
        String older = "s3cret-tok";
        try (TestHub other = TestHub.builder().pluginsDir(Distribution.plugins()).start()) {
            String bot = other.createConnection("telegram", "bot", Map.of(
                    "botToken", "123456789:AAtelegramTokenOfTheTest", "secretToken", strong));
            // as an older hub saved it: the same connection with a 10-character secret token
            other.restart(config -> {
                SecretBox box = new SecretBox(MasterKey.load(config));
                try (Database db = new Database(config)) {
                    new Stores(db.jdbi()).connections().reencrypt(row -> box.encrypt(
                            box.decrypt(row.secrets(), row.id()).replace(strong, older), row.id()),
                            (blob, context) -> blob);
                }
            });

            assertThat(other.get("/api/v1/connections/" + bot).json().get("status").asText()).isEqualTo("active");
            String update = FakeBotApi.textUpdate(700001L, 42L, "Ana", "oi");
            assertThat(other.hook(bot, update, FakeBotApi.SECRET_HEADER, older).status()).isEqualTo(200);
            assertThat(other.hook(bot, update, FakeBotApi.SECRET_HEADER, strong).status()).isEqualTo(401);

            // a rename or a pause leaves the config as it is: nothing is checked again
            TestHub.Response rename = other.put("/api/v1/connections/" + bot, TestHub.parse("{\"name\":\"team bot\"}"));
            assertThat(rename.status()).as(rename.body()).isEqualTo(200);
            // a changed config is checked again, and the old secret no longer passes
            TestHub.Response changed = other.put("/api/v1/connections/" + bot, TestHub.parse("""
                    {"config":{"botToken":"***","secretToken":"***","timeoutSeconds":20}}"""));
            assertConfigFieldRefused(changed, "config.secretToken",
                    "must be at least 32 characters; e.g. `openssl rand -hex 32`");
            assertThat(changed.body()).doesNotContain(older);
            JsonNode kept = other.get("/api/v1/connections/" + bot).json();
            assertThat(kept.get("name").asText()).isEqualTo("team bot");
            assertThat(kept.get("config").has("timeoutSeconds") ? kept.get("config").get("timeoutSeconds").asInt() : 0)
                    .isNotEqualTo(20);
            assertThat(kept.get("status").asText()).isEqualTo("active");
            assertThat(other.events("connection=" + bot)).hasSize(1);

            TestHub.Response stronger = other.put("/api/v1/connections/" + bot, TestHub.parse("""
                    {"name":"team bot","config":{"botToken":"123456789:AAtelegramTokenOfTheTest","secretToken":"%s"}}"""
                    .formatted(strong)));
            assertThat(stronger.status()).as(stronger.body()).isEqualTo(200);
            assertThat(other.hook(bot, FakeBotApi.textUpdate(700002L, 42L, "Ana", "oi de novo"),
                    FakeBotApi.SECRET_HEADER, strong).status()).isEqualTo(200);
        }
    }

    // ---- "Bad input hurts no one": each finding replayed as reported ----

    private static final String TG_SECRET = "bad-input-it-tg-secret_7-0123456789abcdef";
    /** A client's mistake is answered, not logged as a fault of the hub. */
    @RegisterExtension
    static final NoErrorLogged NO_ERROR_LOGGED = new NoErrorLogged();

    @Test
    void refuses_a_webhook_date_beyond_year_9999_naming_occurred_at() {
        String body = "{\"id\":\"d1\",\"from\":\"5511999990001\",\"text\":\"oi\","
                + "\"occurredAt\":\"+999999999-12-31T23:59:59Z\"}";
        assertProblem(signedHook(body), 400, "webhook-rejected",
                "occurredAt must be an ISO-8601 date-time with offset between 0001-01-01T00:00:00Z and "
                        + "9999-12-31T23:59:59Z");
    }

    @Test
    void refuses_admin_dates_beyond_year_9999_naming_the_field() {
        String far = "+999999999-12-31T23:59:59Z";
        assertProblem(hub.get("/api/v1/conversations?updatedSince=" + URLEncoder.encode(far, StandardCharsets.UTF_8)),
                400, "validation", "updatedSince: must be an ISO-8601 date-time between 0001-01-01T00:00:00Z and "
                        + "9999-12-31T23:59:59Z");
        assertProblem(hub.post("/api/v1/deliveries/retry", "{\"createdSince\":\"" + far + "\"}"), 400, "validation",
                "createdSince: must be an ISO-8601 date-time");
        int keys = hub.get("/api/v1/api-keys").json().get("items").size();
        assertProblem(hub.post("/api/v1/api-keys", "{\"name\":\"far\",\"role\":\"read\",\"expiresAt\":\"" + far
                + "\"}"), 400, "validation", "expiresAt: must be an ISO-8601 date-time");
        assertThat(hub.get("/api/v1/api-keys").json().get("items")).as("no key made").hasSize(keys);
    }

    @Test
    void refuses_a_telegram_date_beyond_year_9999_naming_the_field() {
        withTelegram(tg -> {
            String update = "{\"update_id\":70001,\"message\":{\"message_id\":1,\"date\":99999999999999999,"
                    + "\"chat\":{\"id\":42,\"type\":\"private\"},\"from\":{\"id\":42,\"is_bot\":false,"
                    + "\"first_name\":\"Ana\"},\"text\":\"oi\"}}";
            assertProblem(hub.hook(tg, update, FakeBotApi.SECRET_HEADER, TG_SECRET), 400, "webhook-rejected",
                    "message.date must be a Unix time in seconds no later than 9999-12-31T23:59:59Z");
            assertThat(hub.events("connection=" + tg)).isEmpty();
        });
    }

    @Test
    void refuses_a_broken_multipart_upload() {
        int plugins = hub.get("/api/v1/plugins").json().get("items").size();
        TestHub.Response r = hub.send(HttpRequest.newBuilder(hub.uri("/api/v1/plugins"))
                .header("Authorization", "Bearer " + TestHub.ADMIN_TOKEN)
                .header("Content-Type", "multipart/form-data; boundary=XYZ")
                .POST(HttpRequest.BodyPublishers.ofString("--XYZ\r\nContent-Disposition: form-data; name=\"file\"; "
                        + "filename=\"a.zip\"\r\n\r\nabc")));
        assertProblem(r, 400, "malformed-upload", "the multipart body cannot be read");
        assertThat(r.json().get("detail").asText()).contains("multipart/form-data with the field 'file'");
        assertThat(hub.get("/api/v1/plugins").json().get("items")).hasSize(plugins);
    }

    @Test
    void refuses_a_plugin_zip_that_unpacks_beyond_the_limits_without_unpacking_it() {
        int plugins = hub.get("/api/v1/plugins").json().get("items").size();
        assertProblem(PluginManagementIT.upload(hub, TestHub.ADMIN_TOKEN, "bomb.zip", PluginZips.bomb(2048)), 400,
                "validation", "file: the plugin zip unpacks to more than 268435456 bytes, the limit (4 times "
                        + "PONTE_PLUGIN_MAX_BYTES)");
        assertProblem(PluginManagementIT.upload(hub, TestHub.ADMIN_TOKEN, "many.zip", PluginZips.manyEntries(10_001)),
                400, "validation", "file: the plugin zip holds more than 10000 entries, the limit");
        assertThat(hub.get("/api/v1/plugins").json().get("items")).hasSize(plugins);
    }

    @Test
    void refuses_the_secret_mask_as_the_secret_of_a_new_connection() {
        assertProblem(hub.post("/api/v1/connections",
                        "{\"connector\":\"http\",\"name\":\"masked\",\"config\":{\"secret\":\"***\"}}"), 400,
                "validation", "config.secret: '***' is the mask the API shows in place of a stored secret; send the "
                        + "secret itself");
        assertThat(hub.get("/api/v1/connections").json().get("items")).hasSize(2);
    }

    @Test
    void refuses_nul_characters_and_unpaired_surrogates_at_every_door() {
        assertProblem(hub.post("/api/v1/connections", "{\"connector\":\"http\",\"name\":\"a\\u0000b\"}"), 400,
                "validation", "name: contains a NUL character (U+0000)");
        assertProblem(hub.post("/api/v1/connections", "{\"connector\":\"http\",\"name\":\"a\\ud800b\"}"), 400,
                "validation", "name: contains an unpaired surrogate (U+D800), which is not valid Unicode");
        assertProblem(hub.get("/api/v1/conversations?contact=a%00b"), 400, "validation",
                "contact: contains a NUL character");
        assertProblem(signedHook("{\"id\":\"n1\",\"from\":\"55\\u0000\",\"text\":\"oi\"}"), 400,
                "webhook-rejected", "from contains a NUL character (U+0000)");
        assertProblem(signedHook("{\"id\":\"s\\udc00\",\"from\":\"55\",\"text\":\"oi\"}"), 400,
                "webhook-rejected", "id contains an unpaired surrogate (U+DC00)");
        RawHttp.Answer path = RawHttp.send(hub.port(), "GET", "/api/v1/connections/a%00b",
                "Authorization: Bearer " + TestHub.ADMIN_TOKEN);
        assertThat(path.status()).isEqualTo(400);
        assertThat(path.contentType()).startsWith("application/problem+json");
        assertThat(TestHub.parse(path.body()).get("detail").asText()).contains("%00 is never allowed");
        assertThat(hub.get("/api/v1/connections").json().get("items")).hasSize(2);
        // a connector that passes what it was sent on: the one place drafts become envelopes refuses it
        withTelegram(tg -> {
            assertProblem(hub.hook(tg, FakeBotApi.textUpdate(70002, 42, "Ana\u0000", "oi"), FakeBotApi.SECRET_HEADER,
                    TG_SECRET), 400, "validation", "payload.from.name: contains a NUL character (U+0000)");
            assertThat(hub.events("connection=" + tg)).isEmpty();
        });
    }

    @Test
    void refuses_duplicate_keys_in_an_admin_request() {
        assertProblem(hub.post("/api/v1/connections", "{\"connector\":\"http\",\"name\":\"a\",\"name\":\"b\"}"),
                400, "validation", "name: duplicate key 'name'");
        assertProblem(hub.post("/api/v1/routes", "{\"name\":\"r\",\"actions\":[{\"target\":\"" + out
                        + "\",\"action\":\"message.send\",\"input\":{\"text\":\"a\",\"text\":\"b\"}}]}"), 400,
                "validation", "actions[0].input.text: duplicate key 'text'");
        assertThat(hub.get("/api/v1/connections").json().get("items")).hasSize(2);
        assertThat(hub.get("/api/v1/routes").json().get("items")).hasSize(1);
    }

    @Test
    void holds_message_text_sent_through_the_admin_api_to_the_webhook_limit() {
        // the default admin body limit (1 MiB), so the text limit is what answers
        try (TestHub other = TestHub.builder().pluginsDir(Distribution.plugins()).start()) {
            String shop = other.createConnection("http", "shop", Map.of());
            assertThat(other.hook(shop, GOOD).status()).isEqualTo(200);
            String conversation = other.get("/api/v1/conversations").json().at("/items/0/id").asText();
            String messages = "/api/v1/conversations/" + conversation + "/messages";
            assertProblemOn(other, other.post(messages, Map.of("text", "x".repeat(1_000_000))), 400, "validation",
                    "text: must be at most 65536 characters long (the hub's limit for message text)");
            assertThat(other.get(messages).json().get("items")).as("only the inbound message").hasSize(1);
            assertThat(other.post(messages, Map.of("text", "x".repeat(65_536))).status()).isEqualTo(202);
        }
    }

    @Test
    void answers_how_many_envelopes_were_stored_and_how_many_were_duplicates() {
        String open = hub.createConnection("http", "open", Map.of());
        try {
            TestHub.Response first = hub.hook(open, GOOD);
            assertThat(first.status()).isEqualTo(200);
            assertThat(first.body()).isEqualTo("{\"received\":1,\"duplicates\":0}");
            TestHub.Response replay = hub.hook(open, GOOD);
            assertThat(replay.status()).isEqualTo(200);
            assertThat(replay.body()).isEqualTo("{\"received\":0,\"duplicates\":1}");
            assertThat(hub.events("connection=" + open)).hasSize(1);
        } finally {
            hub.delete("/api/v1/connections/" + open);
        }
    }

    @Test
    void refuses_a_retry_delay_of_zero() {
        TestHub.Response r = hub.post("/api/v1/connections",
                "{\"connector\":\"http\",\"name\":\"hot\",\"delivery\":{\"retrySchedule\":[\"0ms\"]}}");
        assertProblem(r, 400, "validation", "delivery.retrySchedule[0]: must be a duration");
        assertThat(r.json().get("detail").asText()).contains("more than 0 and at most 7d");
        assertThat(hub.get("/api/v1/connections").json().get("items")).hasSize(2);
    }

    @Test
    void says_what_is_wrong_without_java_or_jackson_internals() {
        List<TestHub.Response> answers = List.of(
                hub.post("/api/v1/connections", "[1]"),
                hub.post("/api/v1/api-keys", "{\"name\":\"k\",\"role\":\"read\",\"expiresAt\":\"tomorrow\"}"),
                hub.post("/api/v1/routes", "{\"name\":\"r\",\"priority\":\"high\",\"actions\":[]}"),
                hub.post("/api/v1/routes", "{\"name\":\"r\",\"priority\":1.5,\"actions\":[]}"));
        assertProblem(answers.get(0), 400, "validation", "body: must be a JSON object");
        assertProblem(answers.get(1), 400, "validation", "expiresAt: must be an ISO-8601 date-time");
        assertProblem(answers.get(2), 400, "validation", "priority: must be a whole number");
        assertProblem(answers.get(3), 400, "validation", "priority: must be a whole number");
        assertThat(answers).allSatisfy(r -> assertThat(r.body()).doesNotContain("io.ponte", "java.", "`",
                "Cannot deserialize", "JsonToken"));
    }

    @Test
    void reports_an_out_of_range_number_as_the_fields_mistake_not_as_broken_json() {
        assertProblem(hub.post("/api/v1/routes", "{\"name\":\"big\",\"priority\":99999999999,\"actions\":[]}"), 400,
                "validation", "priority: must be a whole number between -2147483648 and 2147483647");
        assertThat(hub.get("/api/v1/routes").json().get("items")).hasSize(1);
    }

    @Test
    void titles_a_body_over_the_limit_as_too_large_not_as_malformed() {
        TestHub.Response admin = hub.post("/api/v1/connections",
                "{\"connector\":\"http\",\"name\":\"" + "x".repeat(5000) + "\"}");
        assertProblem(admin, 413, "body-too-large", "PONTE_HTTP_MAX_BODY_BYTES");
        String big = "{\"id\":\"big\",\"from\":\"1\",\"text\":\"" + "x".repeat(5000) + "\"}";
        TestHub.Response hook = signedHook(big);
        assertProblem(hook, 413, "body-too-large", "PONTE_HOOKS_MAX_BODY_BYTES");
        assertThat(List.of(admin, hook)).allSatisfy(r ->
                assertThat(r.json().get("title").asText()).isEqualTo("Request body too large"));
    }

    @Test
    void explains_a_plugin_whose_class_cannot_be_created_in_its_own_words() {
        int plugins = hub.get("/api/v1/plugins").json().get("items").size();
        TestHub.Response r = PluginManagementIT.upload(hub, TestHub.ADMIN_TOKEN, "ghost.zip",
                PluginZips.missingPluginClass());
        assertProblem(r, 400, "validation", "file: plugin ghost does not start: its plugin class "
                + "'com.example.NoSuchPlugin' cannot be created");
        assertThat(r.body()).doesNotContain("NullPointer", "Cannot invoke", "PluginWrapper", "ponte-plugin-check");
        assertThat(hub.get("/api/v1/plugins").json().get("items")).hasSize(plugins);
    }

    @Test
    void answers_what_jetty_refuses_as_problem_json_too() {
        RawHttp.Answer badEscape = RawHttp.send(hub.port(), "GET", "/api/v1/%zz");
        RawHttp.Answer longUri = RawHttp.send(hub.port(), "GET", "/api/v1/" + "a".repeat(20_000));
        RawHttp.Answer bigHeaders = RawHttp.send(hub.port(), "GET", "/health/live", "X-Big: " + "a".repeat(20_000));
        assertRawProblem(badEscape, 400, "bad-request", "a '%' must be followed by two hexadecimal digits");
        assertRawProblem(longUri, 414, "uri-too-long", "at most 8192 bytes");
        assertRawProblem(bigHeaders, 431, "headers-too-large", "at most 8192 bytes");
        assertThat(hub.get("/health/ready").status()).isEqualTo(200);
    }

    @Test
    void answers_options_without_an_origin_with_the_methods_of_the_path() {
        TestHub.Response list = options("/api/v1/connections");
        assertThat(list.status()).isEqualTo(204);
        assertThat(list.header("Allow")).isEqualTo("GET, HEAD, POST, OPTIONS");
        assertThat(options("/api/v1/connections/con_ANY").header("Allow")).isEqualTo("GET, HEAD, PUT, DELETE, OPTIONS");
        assertProblem(options("/api/v1/nowhere"), 404, "not-found", "/api/v1/nowhere");
    }

    @Test
    void answers_head_as_get_would_without_the_body() {
        // as GET answers: an unknown connection looks like a closed one (nobody learns which ids exist)
        assertThat(head("/hooks/con_DOESNOTEXIST").status()).isEqualTo(503);
        assertThat(head("/hooks/" + signed).status()).as("http connections take POST only").isEqualTo(405);
        assertThat(head("/health/ready").status()).isEqualTo(200);
        TestHub.Response missing = hub.send(HttpRequest.newBuilder(hub.uri("/api/v1/connections/con_NOPE"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody())
                .header("Authorization", "Bearer " + TestHub.ADMIN_TOKEN));
        assertThat(missing.status()).isEqualTo(404);
        assertThat(hub.events("connection=" + signed)).isEmpty();
    }

    private static TestHub.Response signedHook(String body) {
        return hub.hook(signed, body, Signatures.standardHeaders(SECRET, body));
    }

    private static TestHub.Response options(String path) {
        return hub.send(HttpRequest.newBuilder(hub.uri(path)).method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
    }

    private static TestHub.Response head(String path) {
        return hub.send(HttpRequest.newBuilder(hub.uri(path)).method("HEAD", HttpRequest.BodyPublishers.noBody()));
    }

    /** A Telegram connection (against a fake Bot API) for the duration of {@code test}. */
    private static void withTelegram(java.util.function.Consumer<String> test) {
        try (FakeBotApi bot = new FakeBotApi().start()) {
            String tg = hub.createConnection("telegram", "bot", Map.of("botToken", bot.token(),
                    "secretToken", TG_SECRET, "apiBaseUrl", bot.baseUrl()));
            try {
                test.accept(tg);
            } finally {
                hub.delete("/api/v1/connections/" + tg);
            }
        }
    }

    private static void assertProblemOn(TestHub on, TestHub.Response r, int status, String type, String detailPart) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        JsonNode p = r.json();
        assertThat(p.get("type").asText()).isEqualTo("urn:ponte:problem:" + type);
        assertThat(p.get("status").asInt()).isEqualTo(status);
        assertThat(p.get("detail").asText()).contains(detailPart);
        assertThat(on.get("/health/ready").status()).isEqualTo(200);
    }

    private static void assertRawProblem(RawHttp.Answer a, int status, String type, String detailPart) {
        assertThat(a.status()).as(a.body()).isEqualTo(status);
        assertThat(a.contentType()).startsWith("application/problem+json");
        JsonNode p = TestHub.parse(a.body());
        assertThat(p.get("type").asText()).isEqualTo("urn:ponte:problem:" + type);
        assertThat(p.get("detail").asText()).contains(detailPart);
    }
}
