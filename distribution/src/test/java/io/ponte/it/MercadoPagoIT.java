package io.ponte.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ponte.hub.testing.TestDatabase;
import io.ponte.hub.testing.TestHub;
import io.ponte.plugins.mercadopago.fake.FakeMercadoPago;
import io.ponte.plugins.mercadopago.fake.Notices;
import io.ponte.plugins.openai.fake.FakeChatCompletions;
import io.ponte.plugins.whatsapp.fake.FakeGraphApi;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Mercado Pago as installed from the distribution: an agent answering a WhatsApp customer charges by PIX through the
 * mercadopago connection (its {@code pix.create} as the agent's tool), the customer gets the code in the chat,
 * Mercado Pago's signed notices (repeats included) are acknowledged and fetched durably, and the payment's approval
 * confirms in the same chat exactly once (a route on {@code payment.succeeded} naming the chat the charge was made
 * for). Providers are the plugins' local fakes: the Graph API, Chat Completions and Mercado Pago.
 */
class MercadoPagoIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String PHONE_NUMBER_ID = "106540352242922";
    private static final String WA_TOKEN = "EAAGponteTestAccessToken0123456789";
    /** The app secret ChannelsIT.postWhatsApp signs with. */
    private static final String APP_SECRET = "ponte-it-app-secret-1f2e";
    private static final String CUSTOMER = "5511987650001";
    private static final String MP_TOKEN = "TEST-6245132082630004-010110-0123456789abcdef-471763966";
    private static final String MP_SECRET = "ponte-it-mercadopago-webhook-secret";

    static List<TestDatabase> databases() {
        return TestDatabase.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void an_agent_charges_by_pix_in_the_chat_and_the_approval_confirms_there_once(TestDatabase db) {
        try (FakeGraphApi graph = new FakeGraphApi(PHONE_NUMBER_ID, WA_TOKEN).start();
             FakeChatCompletions openai = new FakeChatCompletions();
             FakeMercadoPago mp = new FakeMercadoPago(MP_TOKEN);
             TestHub hub = TestHub.builder().database(db).pluginsDir(Distribution.plugins()).start()) {
            String wa = whatsapp(hub, graph);
            String pay = mercadoPago(hub, mp, null);
            String agent = hub.createConnection("openai-agent", "vendas", Map.of("apiKey", openai.apiKey(),
                    "baseUrl", openai.baseUrl(), "model", "gpt-4o-mini",
                    "systemPrompt", "Você vende na Loja Azul. Cobre por PIX com a ferramenta pix.create.",
                    "tools", List.of(pay + "/pix.create")));
            hub.createRoute("""
                    {"name":"the agent answers","match":{"source":"%s","type":"message.inbound"},
                     "actions":[{"target":"%s","action":"agent.reply"}]}""".formatted(wa, agent));
            hub.createRoute("""
                    {"name":"paid: confirm in the chat","match":{"source":"%s","type":"payment.succeeded",
                       "condition":"'conversationConnection' in attributes && attributes.conversationConnection == '%s'"},
                     "actions":[{"target":"%s","action":"message.send",
                                 "input":{"to":"{{attributes.conversationAddress}}",
                                          "text":"Pagamento de R$ {{payload.amount}} recebido. Obrigado!"}}]}
                    """.formatted(pay, wa, wa));
            String tool = "pix_create__" + pay.substring(pay.length() - 12);
            openai.enqueue(FakeChatCompletions.Answer.toolCall("call_1", tool, """
                            {"amount":189.90,"description":"Tênis azul 38","payerEmail":"ana.souza@example.com",
                             "orderId":"PED-1001","conversation":"%s:%s"}""".formatted(wa, CUSTOMER)),
                    FakeChatCompletions.Answer.text("Enviei o PIX acima, Ana. Assim que pagar eu confirmo aqui."));

            String asks = FakeGraphApi.textMessageWebhook(PHONE_NUMBER_ID, CUSTOMER, "Ana", "wamid.PIX-0001",
                    "Fechado! Quero pagar o tênis azul 38 com PIX", 1_767_261_600L);
            assertThat(ChannelsIT.postWhatsApp(hub, wa, asks).status()).isEqualTo(200);

            TestHub.await("the PIX code and the agent's words in the chat", WAIT, () -> texts(graph).size() == 3);
            JsonNode created = mp.paymentCreations().get(0).bodyJson();
            assertThat(created.get("payment_method_id").asText()).isEqualTo("pix");
            assertThat(created.at("/metadata/conversation").asText()).isEqualTo(wa + ":" + CUSTOMER);
            String paymentId = mp.payment("1325000001").get("id").asText();
            String code = mp.payment(paymentId).at("/point_of_interaction/transaction_data/qr_code").asText();
            assertThat(texts(graph)).contains(code, "Enviei o PIX acima, Ana. Assim que pagar eu confirmo aqui.");
            assertThat(texts(graph)).anySatisfy(t -> assertThat(t).contains("R$ 189,90").contains("Pix Copia e Cola"));
            assertThat(graph.sentMessages()).allSatisfy(m -> assertThat(m.get("to").asText()).isEqualTo(CUSTOMER));

            // Mercado Pago tells of the new payment: acknowledged at once, fetched, still pending
            assertThat(notify(hub, pay, Notices.payment(MP_SECRET, "payment.created", paymentId, 9001, "req-1",
                    "1767261700")).status()).isEqualTo(200);
            TestHub.await("the pending state stored", WAIT, () -> hub.events("connection=" + pay
                    + "&type=payment.pending").size() == 1);

            // the customer pays; Mercado Pago notifies, repeats itself and notifies again
            mp.setStatus(paymentId, "approved", "accredited");
            Notices.Notice updated = Notices.payment(MP_SECRET, "payment.updated", paymentId, 9002, "req-2",
                    "1767261800");
            assertThat(notify(hub, pay, updated).status()).isEqualTo(200);
            assertThat(notify(hub, pay, updated).status()).isEqualTo(200);
            assertThat(notify(hub, pay, Notices.payment(MP_SECRET, "payment.updated", paymentId, 9003, "req-3",
                    "1767261900")).status()).isEqualTo(200);

            TestHub.await("the confirmation in the chat", WAIT, () -> texts(graph).size() == 4);
            assertThat(texts(graph).get(3)).isEqualTo("Pagamento de R$ 189.90 recebido. Obrigado!");
            TestHub.await("every fetch done", WAIT, () -> hub.deliveries("connection=" + pay).stream()
                    .filter(d -> d.get("action").asText().equals("payment.fetch"))
                    .allMatch(d -> List.of("delivered", "cancelled").contains(d.get("status").asText())));
            assertThat(hub.events("connection=" + pay + "&type=mercadopago.notice")).as("the repeat stored once")
                    .hasSize(3);
            List<JsonNode> paid = hub.events("connection=" + pay + "&type=payment.succeeded");
            assertThat(paid).as("one approval however often it was fetched").hasSize(1);
            assertThat(paid.get(0).get("externalId").asText()).isEqualTo(paymentId + ":approved");
            assertThat(paid.get(0).get("conversation").asText()).isEqualTo(wa + ":" + CUSTOMER);
            assertThat(paid.get(0).at("/envelope/payload/orderId").asText()).isEqualTo("PED-1001");
            assertThat(paid.get(0).at("/envelope/payload/method").asText()).isEqualTo("pix");
            assertThat(texts(graph)).as("confirmed exactly once").hasSize(4);

            JsonNode chat = hub.get("/api/v1/conversations?connection=" + wa + "&contact=" + CUSTOMER).json()
                    .at("/items/0");
            List<String> history = new ArrayList<>();
            hub.get("/api/v1/conversations/" + chat.get("id").asText() + "/messages").json().get("items")
                    .forEach(m -> history.add(m.get("direction").asText()));
            assertThat(history).as("the agent's notes aside").filteredOn(d -> !d.equals("note"))
                    .containsExactly("inbound", "outbound", "outbound", "outbound", "outbound");
        }
    }

    @Test
    void bad_signatures_are_refused_an_outage_is_ridden_out_and_an_unknown_payment_is_a_dead_fetch() {
        try (FakeMercadoPago mp = new FakeMercadoPago(MP_TOKEN);
             TestHub hub = TestHub.builder().pluginsDir(Distribution.plugins()).start()) {
            String pay = mercadoPago(hub, mp, List.of("1s", "1s", "1s", "1s"));
            ObjectNode payment = FakeMercadoPago.fixture("api/payment-card-approved.json");
            mp.put(payment);
            String paymentId = payment.get("id").asText();
            Notices.Notice notice = Notices.payment(MP_SECRET, "payment.updated", paymentId, 7001, "req-7",
                    "1767261600");

            assertThat(notify(hub, pay, notice.withSignature(null)).status()).isEqualTo(401);
            assertThat(notify(hub, pay, notice.withSignature("ts=1767261600,v1=" + "0".repeat(64))).status())
                    .isEqualTo(401);
            assertThat(notify(hub, pay, Notices.payment("not-the-secret", "payment.updated", paymentId, 7001,
                    "req-7", "1767261600")).status()).isEqualTo(401);
            assertThat(hub.events("connection=" + pay)).as("nothing stored").isEmpty();
            assertThat(mp.requests()).isEmpty();

            // Mercado Pago is down for a while: the fetch is retried until it answers
            mp.enqueue(FakeMercadoPago.error(503, "service_unavailable", "Service unavailable", 0));
            mp.enqueue(FakeMercadoPago.error(502, "bad_gateway", "Bad gateway", 0));
            assertThat(notify(hub, pay, notice).status()).isEqualTo(200);
            TestHub.await("the approval fetched after the outage", WAIT, () -> hub.events("connection=" + pay
                    + "&type=payment.succeeded").size() == 1);
            assertThat(mp.paymentReads(paymentId)).hasSize(3);
            TestHub.await("the fetch recorded delivered", WAIT, () -> hub.deliveries("connection=" + pay
                    + "&status=delivered").size() == 1);
            JsonNode fetch = hub.deliveries("connection=" + pay + "&status=delivered").get(0);
            assertThat(fetch.get("action").asText()).isEqualTo("payment.fetch");
            assertThat(fetch.get("attempts").asInt()).isEqualTo(3);

            // a notice for a payment Mercado Pago does not know: acknowledged, its fetch dead with the reason
            assertThat(notify(hub, pay, Notices.payment(MP_SECRET, "payment.created", "123", 7002, "req-8",
                    "1767261700")).status()).isEqualTo(200);
            TestHub.await("the unknown payment's fetch dead", WAIT, () -> hub.deliveries("connection=" + pay
                    + "&status=dead").size() == 1);
            JsonNode dead = hub.deliveries("connection=" + pay + "&status=dead").get(0);
            assertThat(dead.get("action").asText()).isEqualTo("payment.fetch");
            assertThat(dead.get("lastError").asText()).contains("404").contains("Payment not found");
        }
    }

    private static String whatsapp(TestHub hub, FakeGraphApi graph) {
        return hub.createConnection("whatsapp-cloud", "shop number", Map.of("phoneNumberId", PHONE_NUMBER_ID,
                "accessToken", WA_TOKEN, "appSecret", APP_SECRET, "verifyToken", "ponte-it-verify-token",
                "apiBaseUrl", graph.baseUrl()));
    }

    private static String mercadoPago(TestHub hub, FakeMercadoPago mp, List<String> retrySchedule) {
        ObjectNode body = TestHub.parse("{\"connector\":\"mercadopago\",\"name\":\"loja azul\"}").deepCopy();
        body.putObject("config").put("accessToken", MP_TOKEN).put("webhookSecret", MP_SECRET)
                .put("apiBaseUrl", mp.baseUrl());
        if (retrySchedule != null) {
            retrySchedule.forEach(body.putObject("delivery").putArray("retrySchedule")::add);
        }
        TestHub.Response created = hub.post("/api/v1/connections", body);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asText();
    }

    private static TestHub.Response notify(TestHub hub, String connection, Notices.Notice notice) {
        HttpRequest.Builder request = HttpRequest.newBuilder(hub.uri("/hooks/" + connection + "?" + notice.query()))
                .POST(HttpRequest.BodyPublishers.ofString(notice.body())).header("Content-Type", "application/json");
        notice.headers().forEach(request::header);
        return hub.send(request);
    }

    private static List<String> texts(FakeGraphApi graph) {
        return graph.sentMessages().stream().map(m -> m.at("/text/body").asText()).toList();
    }
}
