package io.ponte.plugins.mercadopago;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ponte.api.action.ActionResult;
import io.ponte.api.connector.Health;
import io.ponte.plugins.mercadopago.fake.FakeMercadoPago;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** payment.link.create, payment.refund and the health check against the fake. */
class ChargesTest {

    private final FakeMercadoPago api = new FakeMercadoPago(Accounts.TOKEN);
    private final Accounts account = new Accounts(api);

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void a_payment_link_is_a_checkout_pro_preference_and_answers_its_init_point() {
        ActionResult result = account.invoke("payment.link.create", """
                {"amount":"189.90","description":"Tênis azul 38","orderId":"PED-1001",
                 "conversation":"con_WA:5511987650001"}""", "dlv_LINK");

        JsonNode body = api.requests().get(0).bodyJson();
        assertThat(api.requests().get(0).path()).isEqualTo("/checkout/preferences");
        assertThat(api.requests().get(0).header("x-idempotency-key")).isEqualTo("dlv_LINK");
        assertThat(body.at("/items/0/title").asText()).isEqualTo("Tênis azul 38");
        assertThat(body.at("/items/0/quantity").asInt()).isEqualTo(1);
        assertThat(body.at("/items/0/unit_price").decimalValue()).isEqualByComparingTo("189.90");
        assertThat(body.get("external_reference").asText()).isEqualTo("PED-1001");
        assertThat(body.at("/metadata/conversation").asText()).isEqualTo("con_WA:5511987650001");
        assertThat(result).isInstanceOfSatisfying(ActionResult.Delivered.class, d -> {
            assertThat(d.output().get("url").asText()).startsWith("https://www.mercadopago.com.br/checkout/v1/redirect")
                    .endsWith(d.output().get("id").asText());
            assertThat(d.externalRef()).isEqualTo(d.output().get("id").asText());
        });
    }

    @Test
    void refunds_a_payment_wholly_or_in_part_with_the_delivery_as_idempotency_key() {
        api.put(FakeMercadoPago.fixture("api/payment-card-approved.json"));

        ActionResult partial = account.invoke("payment.refund", "{\"paymentId\":17014025134,\"amount\":2.34}",
                "dlv_R1");
        assertThat(partial).isInstanceOfSatisfying(ActionResult.Delivered.class, d -> {
            assertThat(d.output().get("amount").decimalValue()).isEqualByComparingTo("2.34");
            assertThat(d.output().get("paymentId").asText()).isEqualTo("17014025134");
        });
        assertThat(api.requests().get(0).path()).isEqualTo("/v1/payments/17014025134/refunds");
        assertThat(api.requests().get(0).header("x-idempotency-key")).isEqualTo("dlv_R1");
        assertThat(api.payment("17014025134").get("status").asText()).isEqualTo("approved");

        account.invoke("payment.refund", "{\"paymentId\":\"17014025134\"}", "dlv_R2");
        account.invoke("payment.refund", "{\"paymentId\":\"17014025134\"}", "dlv_R2");
        assertThat(api.payment("17014025134").get("status").asText()).isEqualTo("refunded");
        assertThat(api.payment("17014025134").get("transaction_amount_refunded").decimalValue())
                .as("the repeated delivery refunded nothing more").isEqualByComparingTo("12.34");

        assertThat(account.invoke("payment.refund", "{\"paymentId\":\"404\"}", "dlv_R3"))
                .isInstanceOf(ActionResult.Failed.class);
    }

    @Test
    void the_health_check_names_the_account_or_says_why_it_is_down() {
        assertThat(account.connector.health()).isEqualTo(Health.up("Mercado Pago account LOJAAZUL"));
        api.enqueue(FakeMercadoPago.error(503, "service_unavailable", "down", 0));
        assertThat(account.connector.health().status()).isEqualTo(Health.down("x").status());
        api.enqueue(io.ponte.testkit.fake.Answer.json(401, FakeMercadoPago.fixture("api/error-401.json")));
        assertThat(account.connector.health().detail()).contains("refused the access token");
    }
}
