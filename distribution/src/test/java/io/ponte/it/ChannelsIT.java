package io.ponte.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ponte.hub.testing.TestDatabase;
import io.ponte.hub.testing.TestHub;
import io.ponte.plugins.telegram.fake.FakeBotApi;
import io.ponte.plugins.whatsapp.fake.FakeGraphApi;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The channel plugins end to end, as installed from the distribution: a customer writes on WhatsApp, the team
 * gets it on Telegram, answers by replying to it, and the answer reaches the customer on WhatsApp; providers are
 * the plugins' local fakes of the Graph API and the Bot API.
 */
class ChannelsIT {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String PHONE_NUMBER_ID = "106540352242922";
    private static final String WA_TOKEN = "EAAGponteTestAccessToken0123456789";
    static final String APP_SECRET = "ponte-it-app-secret-1f2e";
    private static final String VERIFY_TOKEN = "ponte-it-verify-token";
    private static final String TG_SECRET = "ponte-it-tg-secret_42-0123456789abcdef";
    private static final String CUSTOMER = "5511987650001";
    private static final long AGENT_CHAT = 424242L;

    static List<TestDatabase> databases() {
        return TestDatabase.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void a_whatsapp_message_reaches_the_team_on_telegram_and_their_reply_goes_back_to_the_customer(TestDatabase db)
            throws Exception {
        try (FakeGraphApi graph = new FakeGraphApi(PHONE_NUMBER_ID, WA_TOKEN).start();
             FakeBotApi bot = new FakeBotApi().start();
             TestHub hub = TestHub.builder().database(db).pluginsDir(Distribution.plugins()).start()) {
            String wa = hub.createConnection("whatsapp-cloud", "shop number", Map.of("phoneNumberId", PHONE_NUMBER_ID,
                    "accessToken", WA_TOKEN, "appSecret", APP_SECRET, "verifyToken", VERIFY_TOKEN,
                    "apiBaseUrl", graph.baseUrl()));
            String tg = hub.createConnection("telegram", "team bot", Map.of("botToken", bot.token(),
                    "secretToken", TG_SECRET, "apiBaseUrl", bot.baseUrl()));
            hub.createRoute("""
                    {"name":"customers to the team","match":{"source":"%s","type":"message.inbound"},
                     "actions":[{"target":"%s","action":"message.send",
                                 "input":{"to":"%d","text":"{{payload.from.name}}: {{payload.content.text}}"}}]}
                    """.formatted(wa, tg, AGENT_CHAT));
            hub.createRoute("""
                    {"name":"the team's replies back","match":{"source":"%s","type":"message.inbound",
                       "condition":"'replyToConnection' in attributes && attributes.replyToConnection == '%s'"},
                     "actions":[{"target":"%s","action":"message.send",
                                 "input":{"to":"{{attributes.replyToAddress}}","text":"{{payload.content.text}}"}}]}
                    """.formatted(tg, wa, wa));

            // Meta's subscription handshake, then a signed message; Meta's retry of it changes nothing
            TestHub.Response handshake = hub.send(HttpRequest.newBuilder(hub.uri("/hooks/" + wa
                    + "?hub.mode=subscribe&hub.verify_token=" + VERIFY_TOKEN + "&hub.challenge=1158201444")));
            assertThat(handshake.status()).isEqualTo(200);
            assertThat(handshake.body()).isEqualTo("1158201444");
            String inbound = FakeGraphApi.textMessageWebhook(PHONE_NUMBER_ID, CUSTOMER, "Joana", "wamid.IT-0001",
                    "Oi! Tem o tênis azul no 38?", 1_767_261_600L);
            assertThat(postWhatsApp(hub, wa, inbound).status()).isEqualTo(200);
            assertThat(postWhatsApp(hub, wa, inbound).status()).isEqualTo(200);
            TestHub.Response forged = hub.hook(wa, inbound, "X-Hub-Signature-256", "sha256=" + "0".repeat(64));
            assertThat(forged.status()).isEqualTo(401);

            TestHub.await("the team to get the message on Telegram", WAIT, () -> bot.sentMessages().size() == 1);
            FakeBotApi.Call relayed = bot.sentMessages().get(0);
            assertThat(relayed.method()).isEqualTo("sendMessage");
            assertThat(relayed.body().get("chat_id").asText()).isEqualTo(Long.toString(AGENT_CHAT));
            assertThat(relayed.body().get("text").asText()).isEqualTo("Joana: Oi! Tem o tênis azul no 38?");
            TestHub.await("the relay recorded", WAIT, () -> hub.deliveries("connection=" + tg + "&status=delivered")
                    .size() == 1);
            String relayedId = hub.deliveries("connection=" + tg).get(0).get("externalRef").asText();

            // the agent answers by replying to the relayed message; a request without the secret token is refused
            ObjectNode reply = (ObjectNode) TestHub.parse(FakeBotApi.textUpdate(900001L, AGENT_CHAT, "Carla",
                    "Temos sim, Joana! Posso separar?"));
            ((ObjectNode) reply.get("message")).putObject("reply_to_message")
                    .put("message_id", Long.parseLong(relayedId)).put("date", 1_767_261_700L)
                    .put("text", "Joana: Oi! Tem o tênis azul no 38?")
                    .set("chat", reply.get("message").get("chat"));
            assertThat(hub.hook(tg, reply.toString()).status()).isEqualTo(401);
            assertThat(hub.hook(tg, reply.toString(), FakeBotApi.SECRET_HEADER, TG_SECRET).status()).isEqualTo(200);

            TestHub.await("the answer to reach the customer on WhatsApp", WAIT, () -> graph.sentMessages().size() == 1);
            JsonNode answer = graph.sentMessages().get(0);
            assertThat(answer.get("messaging_product").asText()).isEqualTo("whatsapp");
            assertThat(answer.get("to").asText()).isEqualTo(CUSTOMER);
            assertThat(answer.get("type").asText()).isEqualTo("text");
            assertThat(answer.get("text").get("body").asText()).isEqualTo("Temos sim, Joana! Posso separar?");
            assertThat(graph.lastRequest().header("authorization")).isEqualTo("Bearer " + WA_TOKEN);
            assertThat(bot.sentMessages()).as("no second relay for Meta's retry").hasSize(1);

            // WhatsApp reports the answer delivered, then read: the customer's conversation shows it
            TestHub.await("the answer recorded", WAIT, () -> hub.deliveries("connection=" + wa + "&status=delivered")
                    .size() == 1);
            String wamid = hub.deliveries("connection=" + wa).get(0).get("externalRef").asText();
            assertThat(postWhatsApp(hub, wa, FakeGraphApi.statusWebhook(PHONE_NUMBER_ID, wamid, "delivered", CUSTOMER))
                    .status()).isEqualTo(200);
            assertThat(postWhatsApp(hub, wa, FakeGraphApi.statusWebhook(PHONE_NUMBER_ID, wamid, "read", CUSTOMER))
                    .status()).isEqualTo(200);

            JsonNode customer = hub.get("/api/v1/conversations?connection=" + wa + "&contact=" + CUSTOMER).json()
                    .get("items").get(0);
            assertThat(customer.get("contactName").asText()).isEqualTo("Joana");
            List<JsonNode> history = messages(hub, customer.get("id").asText());
            assertThat(history).extracting(m -> m.get("direction").asText()).containsExactly("inbound", "outbound");
            assertThat(history.get(0).get("content").get("text").asText()).isEqualTo("Oi! Tem o tênis azul no 38?");
            assertThat(history.get(1).get("content").get("text").asText()).isEqualTo("Temos sim, Joana! Posso separar?");
            assertThat(history.get(1).get("status").asText()).isEqualTo("read");
            assertThat(history.get(1).get("externalRef").asText()).isEqualTo(wamid);

            JsonNode team = hub.get("/api/v1/conversations?connection=" + tg).json().get("items").get(0);
            assertThat(messages(hub, team.get("id").asText())).extracting(m -> m.get("direction").asText())
                    .containsExactly("outbound", "inbound");
            JsonNode statusEvent = hub.events("connection=" + wa + "&type=message.status").get(0).get("envelope");
            assertThat(statusEvent.get("correlationId").asText()).as("one chain from question to read receipt")
                    .isEqualTo(hub.events("connection=" + wa + "&type=message.inbound").get(0).get("id").asText());
        }
    }

    @org.junit.jupiter.api.Test
    void inbound_whatsapp_media_is_downloaded_through_the_graph_api_on_first_request() throws Exception {
        byte[] photo = "\u00ff\u00d8\u00ff\u00e0 a JPEG of the parcel".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        String sha = java.util.Base64.getEncoder().encodeToString(
                java.security.MessageDigest.getInstance("SHA-256").digest(photo));
        try (FakeGraphApi graph = new FakeGraphApi(PHONE_NUMBER_ID, WA_TOKEN).start();
             TestHub hub = TestHub.builder().pluginsDir(Distribution.plugins()).start()) {
            graph.addMedia("2045113399887766", "image/jpeg", photo);
            String wa = hub.createConnection("whatsapp-cloud", "shop number", Map.of("phoneNumberId", PHONE_NUMBER_ID,
                    "accessToken", WA_TOKEN, "appSecret", APP_SECRET, "verifyToken", VERIFY_TOKEN,
                    "apiBaseUrl", graph.baseUrl()));
            ObjectNode webhook = (ObjectNode) TestHub.parse(FakeGraphApi.textMessageWebhook(PHONE_NUMBER_ID, CUSTOMER,
                    "Joana", "wamid.IT-IMG-1", "unused", 1_767_261_600L));
            ObjectNode message = (ObjectNode) webhook.at("/entry/0/changes/0/value/messages/0");
            message.remove("text");
            message.put("type", "image").putObject("image").put("caption", "chegou assim")
                    .put("mime_type", "image/jpeg").put("sha256", sha).put("id", "2045113399887766");
            assertThat(postWhatsApp(hub, wa, webhook.toString()).status()).isEqualTo(200);
            JsonNode event = hub.events("connection=" + wa).get(0);
            assertThat(event.at("/envelope/payload/content/mediaId").asText()).isEqualTo("2045113399887766");

            java.net.http.HttpResponse<byte[]> file = java.net.http.HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(hub.uri("/api/v1/media/" + event.get("id").asText()))
                            .header("Authorization", "Bearer " + TestHub.ADMIN_TOKEN).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofByteArray());
            assertThat(file.statusCode()).isEqualTo(200);
            assertThat(file.body()).isEqualTo(photo);
            assertThat(file.headers().firstValue("content-type")).hasValue("image/jpeg");
            assertThat(graph.requests()).filteredOn(r -> r.method().equals("GET")).hasSize(2)
                    .allSatisfy(r -> assertThat(r.header("authorization")).isEqualTo("Bearer " + WA_TOKEN));
        }
    }

    @org.junit.jupiter.api.Test
    void every_channel_counts_its_webhooks_under_the_same_metric_side_by_side() {
        try (FakeBotApi bot = new FakeBotApi().start();
             TestHub hub = TestHub.builder().pluginsDir(Distribution.plugins()).start()) {
            String tg = hub.createConnection("telegram", "team bot", Map.of("botToken", bot.token(),
                    "secretToken", TG_SECRET, "apiBaseUrl", bot.baseUrl()));
            String site = hub.createConnection("http", "site", Map.of());
            assertThat(hub.hook(site, "{\"id\":\"m1\",\"from\":\"5511\",\"text\":\"oi\"}").status()).isEqualTo(200);
            assertThat(hub.hook(tg, FakeBotApi.textUpdate(900200L, AGENT_CHAT, "Carla", "oi"), FakeBotApi.SECRET_HEADER,
                    TG_SECRET).status()).isEqualTo(200);

            // one tag set per name: a plugin with extra tags on a shared name would have its counts dropped
            List<String> accepted = hub.get("/metrics").body().lines()
                    .filter(l -> l.startsWith("ponte_plugin_webhook_accepted_total{")).toList();
            assertThat(accepted).anySatisfy(l -> assertThat(l).contains("connector=\"http\"").endsWith(" 1.0"));
            assertThat(accepted).anySatisfy(l -> assertThat(l).contains("connector=\"telegram\"").endsWith(" 1.0"));
            assertThat(hub.get("/metrics").body()).contains("ponte_plugin_webhook_updates_total{");
        }
    }

    @org.junit.jupiter.api.Test
    void telegram_webhook_registration_hands_telegram_the_public_url_and_the_secret_token() {
        try (FakeBotApi bot = new FakeBotApi().start();
             TestHub hub = TestHub.builder().pluginsDir(Distribution.plugins())
                     .env("PONTE_PUBLIC_URL", "https://hub.example.com").start()) {
            String tg = hub.createConnection("telegram", "team bot", Map.of("botToken", bot.token(),
                    "secretToken", TG_SECRET, "apiBaseUrl", bot.baseUrl()));
            TestHub.Response r = hub.post("/api/v1/connections/" + tg + "/actions/webhook.register",
                    TestHub.parse("{}"));
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            assertThat(r.json().get("outcome").asText()).isEqualTo("delivered");
            assertThat(r.json().at("/output/ok").asBoolean()).isTrue();
            assertThat(bot.webhookUrl()).isEqualTo("https://hub.example.com/hooks/" + tg);
            assertThat(bot.webhookSecretToken()).isEqualTo(TG_SECRET);
            assertThat(r.body()).doesNotContain(bot.token());

            // a button press is stored as an interactive reply and answered in the webhook response itself
            TestHub.Response pressed = hub.hook(tg, FakeBotApi.callbackUpdate(900100L, AGENT_CHAT, "Carla", "track",
                    "Rastrear"), FakeBotApi.SECRET_HEADER, TG_SECRET);
            assertThat(pressed.status()).isEqualTo(200);
            assertThat(pressed.json().get("method").asText()).isEqualTo("answerCallbackQuery");
            assertThat(pressed.json().get("callback_query_id").asText()).isEqualTo("cbq-900100");
            JsonNode content = hub.events("connection=" + tg).get(0).at("/envelope/payload/content");
            assertThat(content.get("kind").asText()).isEqualTo("interactive_reply");
            assertThat(content.get("id").asText()).isEqualTo("track");
        }
    }

    @org.junit.jupiter.api.Test
    void an_instagram_auto_reply_goes_out_once_and_its_echo_neither_loops_nor_doubles_the_history() {
        String igsid = "7359216482013577";
        try (io.ponte.plugins.instagram.fake.FakeInstagramApi ig = new io.ponte.plugins.instagram.fake.FakeInstagramApi();
             TestHub hub = TestHub.builder().pluginsDir(Distribution.plugins()).start()) {
            ig.start();
            String conn = hub.createConnection("instagram", "shop inbox", Map.of("igUserId", ig.igUserId(),
                    "accessToken", ig.accessToken(), "appSecret", APP_SECRET, "verifyToken", VERIFY_TOKEN,
                    "apiBaseUrl", ig.baseUrl()));
            hub.createRoute("""
                    {"name":"auto reply","match":{"source":"%s","type":"message.inbound"},
                     "actions":[{"target":"%s","action":"message.send",
                                 "input":{"to":"{{payload.from.address}}","text":"Recebemos! Já respondemos."}}]}
                    """.formatted(conn, conn));
            var inbound = io.ponte.plugins.instagram.fake.InstagramWebhooks.forAccount(ig.igUserId())
                    .text(igsid, "aWdfZAG1faXRlbToxOklHTWVzc2FnZAUlEOjE3ODQx", "oi, vocês entregam?", 1_767_261_600_000L)
                    .signed(APP_SECRET);
            assertThat(hub.hook(conn, inbound.bodyText(), inbound.headerName(), inbound.signature()).status())
                    .isEqualTo(200);
            TestHub.await("the auto reply sent", WAIT, () -> hub.deliveries("connection=" + conn + "&status=delivered")
                    .size() == 1);
            String mid = hub.deliveries("connection=" + conn).get(0).get("externalRef").asText();
            assertThat(ig.sentMessages()).hasSize(1);
            assertThat(ig.sentMessages().get(0).at("/recipient/id").asText()).isEqualTo(igsid);

            // Meta echoes our own reply back: stored as message.echo, routed nowhere, not a second history row
            var echo = io.ponte.plugins.instagram.fake.InstagramWebhooks.forAccount(ig.igUserId())
                    .echo(igsid, mid, "Recebemos! Já respondemos.", 1_767_261_601_000L).signed(APP_SECRET);
            assertThat(hub.hook(conn, echo.bodyText(), echo.headerName(), echo.signature()).status()).isEqualTo(200);
            assertThat(hub.events("connection=" + conn + "&type=message.echo")).hasSize(1);
            assertThat(hub.deliveries("connection=" + conn)).as("the echo triggers no route").hasSize(1);
            JsonNode c = hub.get("/api/v1/conversations?connection=" + conn).json().get("items").get(0);
            assertThat(messages(hub, c.get("id").asText())).extracting(m -> m.get("direction").asText())
                    .containsExactly("inbound", "outbound");
            assertThat(c.get("messageCount").asInt()).isEqualTo(2);
            assertThat(ig.sentMessages()).hasSize(1);
        }
    }

    @org.junit.jupiter.api.Test
    void webhooks_for_another_number_or_account_of_the_same_meta_app_are_acknowledged_and_stored_nowhere() {
        try (TestHub hub = TestHub.builder().pluginsDir(Distribution.plugins()).start()) {
            String wa = hub.createConnection("whatsapp-cloud", "shop number", Map.of("phoneNumberId", PHONE_NUMBER_ID,
                    "accessToken", WA_TOKEN, "appSecret", APP_SECRET, "verifyToken", VERIFY_TOKEN));
            String insta = hub.createConnection("instagram", "shop inbox", Map.of("igUserId", "17841400000000001",
                    "accessToken", WA_TOKEN, "appSecret", APP_SECRET, "verifyToken", VERIFY_TOKEN));

            // signed with the app's one secret, but for another number / account of that app
            assertThat(postWhatsApp(hub, wa, FakeGraphApi.textMessageWebhook("106540352249999", CUSTOMER, "Joana",
                    "wamid.IT-OTHER-1", "é da outra loja?", 1_767_261_600L)).status()).isEqualTo(200);
            var other = io.ponte.plugins.instagram.fake.InstagramWebhooks.forAccount("17841400000009999")
                    .text("7359216482013577", "aWdfaXRlbTpPVEhFUg", "é da outra loja?", 1_767_261_600_000L)
                    .signed(APP_SECRET);
            assertThat(hub.hook(insta, other.bodyText(), other.headerName(), other.signature()).status())
                    .isEqualTo(200);
            assertThat(hub.events("connection=" + wa)).isEmpty();
            assertThat(hub.events("connection=" + insta)).isEmpty();

            // the connections' own traffic still gets in
            assertThat(postWhatsApp(hub, wa, FakeGraphApi.textMessageWebhook(PHONE_NUMBER_ID, CUSTOMER, "Joana",
                    "wamid.IT-OWN-1", "oi", 1_767_261_600L)).status()).isEqualTo(200);
            assertThat(hub.events("connection=" + wa)).hasSize(1);
        }
    }

    static TestHub.Response postWhatsApp(TestHub hub, String connection, String body) {
        FakeGraphApi.SignedWebhook signed = FakeGraphApi.signedWebhook(APP_SECRET, body);
        List<String> headers = new ArrayList<>();
        signed.headers().forEach((k, v) -> {
            headers.add(k);
            headers.add(v);
        });
        return hub.send(HttpRequest.newBuilder(hub.uri("/hooks/" + connection))
                .POST(HttpRequest.BodyPublishers.ofByteArray(signed.body())).headers(headers.toArray(String[]::new)));
    }

    private static List<JsonNode> messages(TestHub hub, String conversation) {
        List<JsonNode> out = new ArrayList<>();
        hub.get("/api/v1/conversations/" + conversation + "/messages").json().get("items").forEach(out::add);
        return out;
    }
}
