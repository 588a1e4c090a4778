package io.ponte.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ponte.hub.testing.TestDatabase;
import io.ponte.hub.testing.TestHub;
import io.ponte.plugins.mercadolivre.fake.FakeMercadoLivre;
import io.ponte.plugins.whatsapp.fake.FakeGraphApi;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The mercadolivre plugin end to end, as installed from the distribution: Mercado Livre's thin notices are answered
 * at once and fetched as follow-ups against the plugin's fake of the API; a paid order reaches the buyer on
 * WhatsApp (the whatsapp-cloud plugin's fake Graph API), a buyer's question is answered by an agent.
 */
class MercadoLivreIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String PHONE_NUMBER_ID = "106540352242922";
    private static final String WA_TOKEN = "EAAGponteTestAccessToken0123456789";
    private static final String BUYER = "123456789";
    private static final Set<String> FINISHED = Set.of("delivered", "dead", "cancelled");

    static List<TestDatabase> databases() {
        return TestDatabase.all();
    }

    /** A connection to the fake, retrying every second (the API "down for a while" must not take minutes here). */
    private static String mercadoLivre(TestHub hub, FakeMercadoLivre ml) {
        ObjectNode body = (ObjectNode) TestHub.parse("""
                {"connector":"mercadolivre","name":"loja azul",
                 "delivery":{"retrySchedule":["1s","1s","1s","1s","1s","1s"]}}""");
        body.set("config", TestHub.parse(io.ponte.kit.PluginJson.mapper().valueToTree(ml.config()).toString()));
        TestHub.Response r = hub.post("/api/v1/connections", body);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("id").asText();
    }

    private static List<JsonNode> deliveries(TestHub hub, String connection, String action) {
        return hub.deliveries("connection=" + connection).stream()
                .filter(d -> action.equals(d.get("action").asText())).toList();
    }

    private static boolean followUpsDone(TestHub hub, String connection) {
        List<JsonNode> fetches = deliveries(hub, connection, "notice.fetch");
        return !fetches.isEmpty() && fetches.stream().allMatch(d -> FINISHED.contains(d.get("status").asText()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void a_paid_order_reaches_the_buyer_on_whatsapp_once_however_many_notices_mercado_livre_sends(TestDatabase db) {
        try (FakeMercadoLivre ml = new FakeMercadoLivre();
             FakeGraphApi graph = new FakeGraphApi(PHONE_NUMBER_ID, WA_TOKEN).start();
             TestHub hub = TestHub.builder().database(db).pluginsDir(Distribution.plugins()).start()) {
            String shop = mercadoLivre(hub, ml);
            String wa = hub.createConnection("whatsapp-cloud", "shop number", Map.of("phoneNumberId", PHONE_NUMBER_ID,
                    "accessToken", WA_TOKEN, "appSecret", "ponte-it-app-secret-1f2e", "verifyToken", "ponte-it-verify",
                    "apiBaseUrl", graph.baseUrl()));
            hub.createRoute("""
                    {"name":"paid orders to the buyer","match":{"source":"%s","type":"order.updated",
                       "condition":"payload.status == 'paid'"},
                     "actions":[{"target":"%s","action":"message.send",
                                 "input":{"to":"55{{attributes.buyerPhone}}",
                                          "content":{"kind":"template","name":"order_paid","language":"pt_BR",
                                                     "components":[{"type":"body","parameters":[
                                                       {"type":"text","text":"{{payload.orderId}}"}]}]}}}]}
                    """.formatted(shop, wa));

            ml.putOrder("2000003456789012", "payment_required", null, BUYER, "11987650001",
                    "2026-01-05T10:30:00.000-03:00");
            assertThat(hub.hook(shop, FakeMercadoLivre.notice("orders_v2", "/orders/2000003456789012")).status())
                    .isEqualTo(200);
            TestHub.await("the unpaid order fetched", WAIT, () -> followUpsDone(hub, shop));

            ml.putOrder("2000003456789012", "paid", null, BUYER, "11987650001", "2026-01-05T10:32:15.000-03:00");
            String repeated = FakeMercadoLivre.notice("orders_v2", "/orders/2000003456789012");
            for (String notice : List.of(repeated, repeated, FakeMercadoLivre.notice("orders_v2",
                    "/orders/2000003456789012"), FakeMercadoLivre.notice("orders_v2", "/orders/2000003456789012"))) {
                assertThat(hub.hook(shop, notice).status()).isEqualTo(200);
            }
            TestHub.await("the template at the buyer's WhatsApp", WAIT, () -> graph.sentMessages().size() == 1);
            TestHub.await("every notice fetched", WAIT, () -> followUpsDone(hub, shop));

            JsonNode sent = graph.sentMessages().get(0);
            assertThat(sent.get("to").asText()).isEqualTo("5511987650001");
            assertThat(sent.get("type").asText()).isEqualTo("template");
            assertThat(sent.at("/template/name").asText()).isEqualTo("order_paid");
            assertThat(sent.at("/template/components/0/parameters/0/text").asText()).isEqualTo("2000003456789012");
            assertThat(graph.sentMessages()).as("once, however many notices").hasSize(1);
            List<JsonNode> updates = hub.events("connection=" + shop + "&type=order.updated");
            assertThat(updates).as("one event per state of the order").hasSize(2);
            assertThat(updates.get(0).at("/envelope/attributes/previousStatus").asText()).isEqualTo("payment_required");
            assertThat(hub.events("connection=" + shop + "&type=mercadolivre.notice")).as("the repeat stored once")
                    .hasSize(4);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void a_buyers_question_is_answered_by_an_agent_on_mercado_livre_exactly_once(TestDatabase db) {
        try (FakeMercadoLivre ml = new FakeMercadoLivre();
             TestHub hub = TestHub.builder().database(db).pluginsDir(Distribution.plugins()).start()) {
            String shop = mercadoLivre(hub, ml);
            String agent = hub.createConnection("rules-agent", "faq", Map.of("rules", List.of(
                    Map.of("pattern", "estoque|dispon[ií]vel", "reply", "Temos sim! Enviamos no mesmo dia.")),
                    "defaultReply", "Obrigado pela pergunta!"));
            hub.createRoute("""
                    {"name":"questions to the agent","match":{"source":"%s","type":"message.inbound"},
                     "actions":[{"target":"%s","action":"agent.reply"}]}""".formatted(shop, agent));

            ml.putQuestion("5036111111", BUYER, "MLB1234567890", "Tem em estoque?");
            String notice = FakeMercadoLivre.notice("questions", "/questions/5036111111");
            assertThat(hub.hook(shop, notice).status()).isEqualTo(200);
            assertThat(hub.hook(shop, notice).status()).isEqualTo(200);
            assertThat(hub.hook(shop, FakeMercadoLivre.notice("questions", "/questions/5036111111")).status())
                    .isEqualTo(200);

            TestHub.await("the answer posted on Mercado Livre", WAIT, () -> ml.answers().size() == 1);
            TestHub.await("every notice fetched and the reply sent", WAIT, () -> followUpsDone(hub, shop)
                    && deliveries(hub, shop, "message.send").stream()
                    .allMatch(d -> FINISHED.contains(d.get("status").asText())));
            JsonNode answer = ml.answers().get(0);
            assertThat(answer.get("question_id").asLong()).isEqualTo(5036111111L);
            assertThat(answer.get("text").asText()).isEqualTo("Temos sim! Enviamos no mesmo dia.");
            assertThat(ml.answers()).as("exactly once").hasSize(1);
            JsonNode conversation = hub.get("/api/v1/conversations?connection=" + shop).json().at("/items/0");
            assertThat(conversation.get("address").asText()).isEqualTo("q:5036111111");
        }
    }

    @Test
    void notices_for_others_unknown_topics_and_garbage_fetch_nothing_and_an_api_outage_is_waited_out() {
        try (FakeMercadoLivre ml = new FakeMercadoLivre();
             TestHub hub = TestHub.builder().pluginsDir(Distribution.plugins()).start()) {
            String shop = mercadoLivre(hub, ml);
            assertThat(hub.hook(shop, FakeMercadoLivre.notice("orders_v2", "/orders/1", "999999",
                    FakeMercadoLivre.CLIENT_ID)).status()).as("another seller").isEqualTo(200);
            assertThat(hub.hook(shop, FakeMercadoLivre.notice("orders_v2", "/orders/1", FakeMercadoLivre.SELLER_ID,
                    "1111111111111111")).status()).as("another app").isEqualTo(200);
            assertThat(hub.hook(shop, FakeMercadoLivre.notice("claims", "/claims/1")).status())
                    .as("a topic the plugin does not follow").isEqualTo(200);
            assertThat(hub.hook(shop, "{\"topic\":\"orders_v2\",").status()).as("malformed JSON").isEqualTo(400);
            assertThat(hub.events("connection=" + shop)).isEmpty();
            assertThat(ml.requests()).as("nothing fetched").isEmpty();

            ml.putOrder("2000000000000009", "paid", null, BUYER, null, "2026-01-05T10:00:00.000-03:00");
            for (int i = 0; i < 3; i++) {
                ml.enqueue(FakeMercadoLivre.error(503, "service unavailable", "internal_error"));
            }
            assertThat(hub.hook(shop, FakeMercadoLivre.notice("orders_v2", "/orders/2000000000000009")).status())
                    .isEqualTo(200);
            TestHub.await("the order once the API is back", WAIT,
                    () -> hub.events("connection=" + shop + "&type=order.updated").size() == 1);
            // the fetch emits the order before its own outcome is recorded: wait for that too
            TestHub.await("the fetch recorded", WAIT, () -> followUpsDone(hub, shop));
            JsonNode fetch = deliveries(hub, shop, "notice.fetch").get(0);
            assertThat(fetch.get("status").asText()).isEqualTo("delivered");
            assertThat(fetch.get("attempts").asInt()).isEqualTo(4);
        }
    }
}
