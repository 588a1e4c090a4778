package io.ponte.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ponte.hub.testing.HttpSink;
import io.ponte.hub.testing.TestDatabase;
import io.ponte.hub.testing.TestHub;
import io.ponte.plugins.stripe.fake.FakeStripe;
import io.ponte.plugins.stripe.fake.StripeEvents;
import io.ponte.plugins.telegram.fake.FakeBotApi;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The stripe plugin end to end, as installed from the distribution: a payment link made for a Telegram chat is paid
 * and the payment comes back into that chat's conversation and marks the order paid elsewhere; a refund comes back
 * linked to its payment; forged, stale and replayed webhooks and a storm of Stripe errors change nothing they
 * should not. Stripe is the plugin's local fake.
 */
class StripeIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String TG_SECRET = "ponte-it-tg-secret_42-0123456789abcdef";
    private static final long CUSTOMER_CHAT = 515151L;

    static List<TestDatabase> databases() {
        return TestDatabase.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void a_link_made_for_a_telegram_chat_is_paid_into_that_conversation_and_marks_the_order_paid(TestDatabase db) {
        try (FakeStripe stripe = new FakeStripe(); FakeBotApi bot = new FakeBotApi().start();
             HttpSink orders = new HttpSink();
             TestHub hub = TestHub.builder().database(db).pluginsDir(Distribution.plugins()).start()) {
            String tg = hub.createConnection("telegram", "shop bot", Map.of("botToken", bot.token(),
                    "secretToken", TG_SECRET, "apiBaseUrl", bot.baseUrl()));
            String pay = stripeConnection(hub, stripe);
            String shop = hub.createConnection("http", "order system", Map.of("url", orders.url("/orders/paid")));
            hub.createRoute("""
                    {"name":"paid orders","match":{"source":"%s","type":"payment.succeeded"},
                     "actions":[{"target":"%s","action":"message.send",
                                 "input":{"text":"order {{payload.orderId}} paid: {{payload.amount}} {{payload.currency}} ({{payload.paymentId}})"}}]}
                    """.formatted(pay, shop));

            // the customer asks to pay on Telegram; the team sends a link made for that conversation
            assertThat(hub.hook(tg, FakeBotApi.textUpdate(700001L, CUSTOMER_CHAT, "Joana", "Quero pagar o pedido"),
                    FakeBotApi.SECRET_HEADER, TG_SECRET).status()).isEqualTo(200);
            String conversation = tg + ":" + CUSTOMER_CHAT;
            TestHub.Response link = hub.post("/api/v1/connections/" + pay + "/actions/payment.link.create",
                    TestHub.parse("""
                            {"amount":199.90,"currency":"BRL","description":"Tênis azul 38","orderId":"A-1001",
                             "conversation":"%s"}""".formatted(conversation)));
            assertThat(link.status()).as(link.body()).isEqualTo(200);
            assertThat(link.json().get("outcome").asText()).as(link.body()).isEqualTo("delivered");
            String sessionId = link.json().at("/output/id").asText();
            assertThat(link.json().at("/output/url").asText()).endsWith(sessionId);
            assertThat(link.json().at("/output/expiresAt").asText()).isNotBlank();
            assertThat(stripe.sessions().get(sessionId).get("amount_total").asLong()).isEqualTo(19990);

            // Joana pays; Stripe tells the hub, signed
            JsonNode session = stripe.pay(sessionId);
            StripeEvents.Signed paid = stripe.events().sign(stripe.events().checkoutSessionCompleted(session),
                    Instant.now());
            assertThat(hook(hub, pay, paid).status()).isEqualTo(200);

            JsonNode payment = single(hub.events("connection=" + pay + "&type=payment.succeeded")).get("envelope");
            assertThat(payment.get("externalId").asText())
                    .isEqualTo(session.get("payment_intent").asText() + ":succeeded");
            assertThat(payment.get("conversation").asText()).isEqualTo(conversation);
            assertThat(payment.at("/payload/paymentId").asText()).isEqualTo(session.get("payment_intent").asText());
            assertThat(payment.at("/payload/amount").decimalValue()).isEqualByComparingTo("199.90");
            assertThat(payment.at("/payload/currency").asText()).isEqualTo("BRL");
            assertThat(payment.at("/payload/orderId").asText()).isEqualTo("A-1001");
            assertThat(payment.at("/attributes/amountMinor").asText()).isEqualTo("19990");
            assertThat(payment.at("/attributes/metadata.orderId").asText()).isEqualTo("A-1001");

            TestHub.await("the order system to hear of the payment", WAIT, () -> orders.count() == 1);
            assertThat(orders.received().get(0).path()).isEqualTo("/orders/paid");
            assertThat(orders.received().get(0).json().get("text").asText())
                    .isEqualTo("order A-1001 paid: 199.90 BRL (" + session.get("payment_intent").asText() + ")");

            // Stripe also sends payment_intent.succeeded for the same payment: one success to the hub, one route run
            StripeEvents.Signed intent = stripe.events().sign(stripe.events().paymentIntentSucceeded(TestHub.parse(
                    "{\"id\":\"" + session.get("payment_intent").asText() + "\",\"amount\":19990,"
                            + "\"amount_received\":19990,\"currency\":\"brl\",\"status\":\"succeeded\"}")),
                    Instant.now());
            assertThat(hook(hub, pay, intent).status()).isEqualTo(200);
            assertThat(hub.events("connection=" + pay + "&type=payment.succeeded")).hasSize(1);
            assertThat(orders.count()).isEqualTo(1);
        }
    }

    @Test
    void a_refund_made_through_the_admin_api_comes_back_linked_to_the_original_payment() {
        try (FakeStripe stripe = new FakeStripe();
             TestHub hub = TestHub.builder().pluginsDir(Distribution.plugins()).start()) {
            String pay = stripeConnection(hub, stripe);
            String pi = paidPayment(hub, pay, stripe, "80.00", "usd", "A-2002");

            TestHub.Response refund = hub.post("/api/v1/connections/" + pay + "/actions/payment.refund",
                    TestHub.parse("{\"paymentId\":\"" + pi + "\",\"amount\":30}"));
            assertThat(refund.json().get("outcome").asText()).as(refund.body()).isEqualTo("delivered");
            assertThat(refund.json().at("/output/paymentId").asText()).isEqualTo(pi);
            assertThat(refund.json().at("/output/amount").decimalValue()).isEqualByComparingTo("30.00");
            assertThat(stripe.refunds()).hasSize(1);
            assertThat(stripe.requests(r -> r.path().equals("/v1/refunds")).get(0).formParams())
                    .containsEntry("payment_intent", pi).containsEntry("amount", "3000");

            JsonNode charge = stripe.charge(stripe.paymentIntent(pi).get("latest_charge").asText());
            assertThat(hook(hub, pay, stripe.events().sign(stripe.events().chargeRefunded(charge), Instant.now()))
                    .status()).isEqualTo(200);
            JsonNode refunded = single(hub.events("connection=" + pay + "&type=payment.refunded")).get("envelope");
            assertThat(refunded.at("/payload/paymentId").asText()).isEqualTo(pi);
            assertThat(refunded.at("/payload/status").asText()).isEqualTo("partially_refunded");
            assertThat(refunded.at("/payload/amount").decimalValue()).isEqualByComparingTo("30.00");
            assertThat(refunded.at("/payload/orderId").asText()).as("the intent's metadata, copied onto the charge")
                    .isEqualTo("A-2002");
            JsonNode succeeded = single(hub.events("connection=" + pay + "&type=payment.succeeded")).get("envelope");
            assertThat(succeeded.at("/payload/paymentId").asText()).isEqualTo(pi);
        }
    }

    @Test
    void forged_stale_and_replayed_webhooks_store_nothing_new_and_amounts_keep_their_currencys_decimals() {
        try (FakeStripe stripe = new FakeStripe();
             TestHub hub = TestHub.builder().pluginsDir(Distribution.plugins()).start()) {
            String pay = stripeConnection(hub, stripe);
            StripeEvents.Event yen = stripe.events().paymentIntentSucceeded(TestHub.parse("""
                    {"id":"pi_jpy","amount":5000,"amount_received":5000,"currency":"jpy","status":"succeeded"}"""));
            long now = Instant.now().getEpochSecond();

            assertThat(hub.hook(pay, yen.body()).status()).as("missing").isEqualTo(400);
            TestHub.Response malformed = hub.hook(pay, yen.body(), "Stripe-Signature", "t=soon,v1=abc");
            assertThat(malformed.status()).isEqualTo(400);
            assertThat(malformed.body()).contains("Unable to extract timestamp and signatures from header");
            TestHub.Response forged = hub.hook(pay, yen.body(), "Stripe-Signature",
                    StripeEvents.signedWith("whsec_notTheSecret123").header(now, yen.body()));
            assertThat(forged.status()).isEqualTo(401);
            assertThat(forged.body()).contains("No signatures found matching the expected signature for payload");
            TestHub.Response stale = hub.hook(pay, yen.body(), "Stripe-Signature",
                    stripe.events().header(now - 360, yen.body()));
            assertThat(stale.status()).isEqualTo(401);
            assertThat(stale.body()).contains("Timestamp outside the tolerance zone");
            assertThat(hub.events("connection=" + pay)).as("nothing stored for a refused request").isEmpty();

            StripeEvents.Signed signed = stripe.events().sign(yen, Instant.now());
            assertThat(hook(hub, pay, signed).status()).isEqualTo(200);
            assertThat(hook(hub, pay, stripe.events().sign(yen, Instant.now().plusSeconds(1))).status())
                    .as("Stripe's redelivery").isEqualTo(200);
            JsonNode jpy = single(hub.events("connection=" + pay)).get("envelope");
            assertThat(jpy.at("/payload/amount").decimalValue()).isEqualByComparingTo("5000");
            assertThat(jpy.at("/payload/currency").asText()).isEqualTo("JPY");

            StripeEvents.Event dinar = stripe.events().paymentIntentSucceeded(TestHub.parse("""
                    {"id":"pi_bhd","amount":1250,"amount_received":1250,"currency":"bhd","status":"succeeded"}"""));
            assertThat(hook(hub, pay, stripe.events().sign(dinar, Instant.now())).status()).isEqualTo(200);
            JsonNode bhd = hub.events("connection=" + pay).get(0).get("envelope");
            assertThat(bhd.at("/payload/amount").decimalValue()).isEqualByComparingTo("1.250");
            assertThat(bhd.at("/payload/amount").toString()).isEqualTo("1.250");
            assertThat(bhd.at("/attributes/amountMinor").asText()).isEqualTo("1250");
        }
    }

    @Test
    void a_storm_of_429s_and_5xx_on_a_routed_refund_is_retried_with_one_key_and_refunds_once() {
        try (FakeStripe stripe = new FakeStripe();
             TestHub hub = TestHub.builder().pluginsDir(Distribution.plugins()).start()) {
            String pay = stripeConnection(hub, stripe);
            String backOffice = hub.createConnection("http", "back office", Map.of());
            hub.createRoute("""
                    {"name":"refund requests","match":{"source":"%s","type":"message.inbound"},
                     "actions":[{"target":"%s","action":"payment.refund","input":{"paymentId":"{{payload.content.text}}"}}]}
                    """.formatted(backOffice, pay));
            String pi = paidPayment(hub, pay, stripe, "42.00", "eur", "A-3003");

            stripe.rateLimitNext(2, 1);
            stripe.serverErrorNext(1, 502);
            stripe.serverErrorNext(1, 500);
            assertThat(hub.hook(backOffice, "{\"id\":\"refund-1\",\"from\":\"ops\",\"text\":\"" + pi + "\"}")
                    .status()).isEqualTo(200);

            TestHub.await("the refund delivered", WAIT, () -> hub.deliveries("connection=" + pay
                    + "&status=delivered").size() == 1);
            JsonNode delivery = hub.deliveries("connection=" + pay).get(0);
            assertThat(delivery.get("attempts").asInt()).isEqualTo(5);
            List<String> keys = stripe.requests(r -> r.path().equals("/v1/refunds")).stream()
                    .map(r -> r.header("idempotency-key")).toList();
            assertThat(keys).hasSize(5).containsOnly(delivery.get("id").asText());
            assertThat(stripe.refunds()).as("no double charge").hasSize(1);
            assertThat(stripe.refunds().get(0).get("amount").asLong()).isEqualTo(4200);
        }
    }

    /**
     * A stripe connection at the fake, retrying after a second, its circuit (opened by a storm of failures) probing
     * again after a second, so the tests need not wait.
     */
    private static String stripeConnection(TestHub hub, FakeStripe stripe) {
        ObjectNode body = (ObjectNode) TestHub.parse("""
                {"connector":"stripe","name":"shop payments",
                 "delivery":{"retrySchedule":["1s","1s","1s","1s","1s","1s"],"timeoutSeconds":10,
                             "breaker":{"openSeconds":1}}}""");
        body.putObject("config").put("apiKey", stripe.apiKey()).put("webhookSecret", FakeStripe.WEBHOOK_SECRET)
                .put("apiBaseUrl", stripe.baseUrl()).put("timeoutSeconds", 5);
        TestHub.Response r = hub.post("/api/v1/connections", body);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("id").asText();
    }

    /** A link created through the admin API, paid at the fake and reported by a signed event; its PaymentIntent. */
    private static String paidPayment(TestHub hub, String pay, FakeStripe stripe, String amount, String currency,
                                      String orderId) {
        TestHub.Response link = hub.post("/api/v1/connections/" + pay + "/actions/payment.link.create",
                TestHub.parse("{\"amount\":\"%s\",\"currency\":\"%s\",\"description\":\"order\",\"orderId\":\"%s\"}"
                        .formatted(amount, currency, orderId)));
        assertThat(link.json().get("outcome").asText()).as(link.body()).isEqualTo("delivered");
        JsonNode session = stripe.pay(link.json().at("/output/id").asText());
        assertThat(hook(hub, pay, stripe.events().sign(stripe.events().checkoutSessionCompleted(session),
                Instant.now())).status()).isEqualTo(200);
        return session.get("payment_intent").asText();
    }

    private static TestHub.Response hook(TestHub hub, String connection, StripeEvents.Signed event) {
        return hub.hook(connection, event.body(), StripeEvents.SIGNATURE_HEADER, event.signature());
    }

    private static JsonNode single(List<JsonNode> items) {
        assertThat(items).hasSize(1);
        return items.get(0);
    }
}
