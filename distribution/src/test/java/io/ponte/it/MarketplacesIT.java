package io.ponte.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ponte.hub.testing.TestDatabase;
import io.ponte.hub.testing.TestHub;
import io.ponte.plugins.mercadolivre.fake.FakeMercadoLivre;
import io.ponte.plugins.openai.fake.FakeChatCompletions;
import io.ponte.plugins.shopee.fake.FakeShopee;
import io.ponte.plugins.whatsapp.fake.FakeGraphApi;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Flows across marketplaces and channels on the real distribution, every provider a local fake: a sale on Shopee
 * lowers the same seller SKU's stock on Mercado Livre once, however often Shopee repeats its push; a WhatsApp
 * customer asking for their order gets the status the agent looked up on Mercado Livre.
 */
class MarketplacesIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String PUBLIC_URL = "https://hub.example.com";
    private static final String PARTNER_ID = "2001887";
    private static final String PARTNER_KEY = "ponte-it-partner-key-5a6b7c8d9e0f";
    private static final String SHOP = "336094210";
    private static final String ORDER = "251214B9XAB0ST";
    private static final String PHONE_NUMBER_ID = "106540352242922";
    private static final String WA_TOKEN = "EAAGponteTestAccessToken0123456789";
    private static final String APP_SECRET = "ponte-it-app-secret-1f2e";

    static List<TestDatabase> databases() {
        return TestDatabase.all();
    }

    private static String mercadoLivre(TestHub hub, FakeMercadoLivre ml) {
        ObjectNode body = (ObjectNode) TestHub.parse("""
                {"connector":"mercadolivre","name":"loja azul ml",
                 "delivery":{"retrySchedule":["1s","1s","1s","1s","1s","1s"]}}""");
        body.set("config", TestHub.parse(io.ponte.kit.PluginJson.mapper().valueToTree(ml.config()).toString()));
        TestHub.Response r = hub.post("/api/v1/connections", body);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("id").asText();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void a_sale_on_shopee_lowers_the_same_skus_stock_on_mercado_livre_once(TestDatabase db) {
        try (FakeShopee shopee = new FakeShopee(PARTNER_ID, PARTNER_KEY, SHOP,
                "59777174636562737266615546704c6d" + SHOP, "4c7259534969484e71734d695a6e6d55" + SHOP);
             FakeMercadoLivre ml = new FakeMercadoLivre();
             TestHub hub = TestHub.builder().database(db).pluginsDir(Distribution.plugins())
                     .env("PONTE_PUBLIC_URL", PUBLIC_URL).start()) {
            String sp = hub.createConnection("shopee", "loja azul shopee", Map.of("partnerId", PARTNER_ID,
                    "partnerKey", PARTNER_KEY, "shopId", SHOP, "accessToken", shopee.accessToken(),
                    "refreshToken", shopee.refreshToken(), "apiBaseUrl", shopee.baseUrl()));
            String mlc = mercadoLivre(hub, ml);
            ml.putItem("MLB1234567890", "TENIS-AZUL-38", "active", "199.90", 10);
            ml.putItem("MLB1234567891", "TENIS-AZUL-39", "active", "199.90", 10);
            hub.createRoute("""
                    {"name":"a Shopee sale lowers the Mercado Livre stock","match":{"source":"%s",
                       "type":"order.updated","condition":"payload.status == 'ready_to_ship'"},
                     "actions":[{"target":"%s","action":"item.stock.adjust",
                                 "input":{"items":"{{{payload.items}}}"}}]}""".formatted(sp, mlc));

            shopee.putOrder(ORDER, "READY_TO_SHIP", 1765689439L, "TENIS-AZUL-38", 2);
            String push = FakeShopee.orderStatusPush("64ca21a145e29bda3a6e31203c800e00", SHOP, ORDER,
                    "READY_TO_SHIP", 1765689439L);
            for (String body : List.of(push, push, FakeShopee.orderStatusPush("64ca21a145e29bda3a6e31203c800e01",
                    SHOP, ORDER, "READY_TO_SHIP", 1765689439L))) {
                FakeShopee.SignedPush signed = FakeShopee.push(PARTNER_KEY, PUBLIC_URL + "/hooks/" + sp, body);
                assertThat(hub.hook(sp, signed.body(), "Authorization", signed.authorization()).status())
                        .isEqualTo(200);
            }

            TestHub.await("the Mercado Livre stock lowered", WAIT,
                    () -> ml.item("MLB1234567890").get("available_quantity").asInt() == 8);
            TestHub.await("every delivery finished", WAIT, () -> hub.deliveries("status=pending").isEmpty()
                    && hub.deliveries("status=inflight").isEmpty() && hub.deliveries("status=queued").isEmpty());
            assertThat(ml.item("MLB1234567890").get("available_quantity").asInt()).as("once, not per push")
                    .isEqualTo(8);
            assertThat(ml.item("MLB1234567891").get("available_quantity").asInt()).as("another SKU").isEqualTo(10);
            assertThat(hub.deliveries("connection=" + mlc + "&status=delivered").stream()
                    .filter(d -> d.get("action").asText().equals("item.stock.adjust"))).hasSize(1);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void a_whatsapp_customer_asking_for_their_order_gets_the_status_the_agent_looked_up_on_mercado_livre(
            TestDatabase db) {
        try (FakeMercadoLivre ml = new FakeMercadoLivre();
             FakeGraphApi graph = new FakeGraphApi(PHONE_NUMBER_ID, WA_TOKEN).start();
             FakeChatCompletions openai = new FakeChatCompletions();
             TestHub hub = TestHub.builder().database(db).pluginsDir(Distribution.plugins()).start()) {
            String mlc = mercadoLivre(hub, ml);
            String wa = hub.createConnection("whatsapp-cloud", "shop number", Map.of("phoneNumberId", PHONE_NUMBER_ID,
                    "accessToken", WA_TOKEN, "appSecret", APP_SECRET, "verifyToken", "ponte-it-verify",
                    "apiBaseUrl", graph.baseUrl()));
            String agent = hub.createConnection("openai-agent", "assistant", Map.of("apiKey", openai.apiKey(),
                    "baseUrl", openai.baseUrl(), "model", "gpt-4o-mini",
                    "systemPrompt", "Você atende a Loja Azul. Consulte pedidos com a ferramenta.",
                    "tools", List.of(mlc + "/order.get")));
            hub.createRoute("""
                    {"name":"agent answers","match":{"source":"%s","type":"message.inbound"},
                     "actions":[{"target":"%s","action":"agent.reply"}]}""".formatted(wa, agent));
            ml.putOrder("2000003456789012", "paid", null, "123456789", "11987650001",
                    "2026-01-05T10:32:15.000-03:00");
            String tool = "order_get__" + tail(mlc.substring(4), 12);
            openai.enqueue(FakeChatCompletions.Answer.toolCall("call_1", tool, "{\"orderId\":\"2000003456789012\"}"),
                    FakeChatCompletions.Answer.text("Seu pedido 2000003456789012 está pago e será enviado em breve."));

            assertThat(postWhatsApp(hub, wa, FakeGraphApi.textMessageWebhook(PHONE_NUMBER_ID, "5511987650001",
                    "Ana", "wamid.IT-ORDER-1", "Cadê meu pedido 2000003456789012?", 1_767_261_600L)).status())
                    .isEqualTo(200);

            TestHub.await("the answer on WhatsApp", WAIT, () -> graph.sentMessages().size() == 1);
            assertThat(graph.sentMessages().get(0).at("/text/body").asText()).contains("está pago");
            assertThat(ml.gets("/orders/2000003456789012")).as("the agent looked the order up").isNotEmpty();
            // the model saw what Mercado Livre said: the tool's result carries the order's status
            JsonNode second = openai.lastRequest();
            List<String> toolResults = new ArrayList<>();
            second.get("messages").forEach(m -> {
                if (m.path("role").asText().equals("tool")) {
                    toolResults.add(m.path("content").asText());
                }
            });
            assertThat(toolResults).singleElement().asString().contains("\"status\":\"paid\"");
        }
    }

    private static String tail(String s, int n) {
        return s.length() > n ? s.substring(s.length() - n) : s;
    }

    private static TestHub.Response postWhatsApp(TestHub hub, String connection, String body) {
        FakeGraphApi.SignedWebhook signed = FakeGraphApi.signedWebhook(APP_SECRET, body);
        List<String> headers = new ArrayList<>();
        signed.headers().forEach((k, v) -> {
            headers.add(k);
            headers.add(v);
        });
        return hub.send(HttpRequest.newBuilder(hub.uri("/hooks/" + connection))
                .POST(HttpRequest.BodyPublishers.ofByteArray(signed.body())).headers(headers.toArray(String[]::new)));
    }
}
