package io.ponte.plugins.stripe;

import static org.assertj.core.api.Assertions.assertThat;

import io.ponte.api.action.ActionNames;
import io.ponte.api.action.ActionResult;
import io.ponte.api.message.ConversationKey;
import io.ponte.plugins.stripe.fake.FakeStripe;
import io.ponte.testkit.TestConnectorContext;
import io.ponte.testkit.fake.Recorded;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code payment.link.create} against the fake Stripe API. */
class PaymentLinkTest {

    private final FakeStripe stripe = new FakeStripe();
    private final TestConnectorContext context = Accounts.context(stripe);
    private final StripeConnector connector = Accounts.open(context);

    @AfterEach
    void close() {
        stripe.close();
    }

    @Test
    void creates_a_checkout_session_form_encoded_with_the_order_and_conversation_in_metadata() {
        context.conversations().open(new ConversationKey("con_TG", "424242"), "Joana");
        ActionResult result = connector.invoke(Accounts.action(ActionNames.PAYMENT_LINK_CREATE, """
                {"amount":19.90,"currency":"BRL","description":"Tênis azul 38","orderId":"A-1001",
                 "conversation":"con_TG:424242"}""", "dlv_01LINK", 1));

        ActionResult.Delivered delivered = (ActionResult.Delivered) result;
        Recorded request = stripe.requests().get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/v1/checkout/sessions");
        assertThat(request.header("authorization")).isEqualTo("Bearer " + stripe.apiKey());
        assertThat(request.header("content-type")).isEqualTo("application/x-www-form-urlencoded");
        assertThat(request.header("idempotency-key")).isEqualTo("dlv_01LINK");
        assertThat(request.header("stripe-version")).isEqualTo(StripeApi.API_VERSION);
        Map<String, String> form = request.formParams();
        assertThat(form).containsEntry("mode", "payment")
                .containsEntry("line_items[0][quantity]", "1")
                .containsEntry("line_items[0][price_data][currency]", "brl")
                .containsEntry("line_items[0][price_data][unit_amount]", "1990")
                .containsEntry("line_items[0][price_data][product_data][name]", "Tênis azul 38")
                .containsEntry("metadata[orderId]", "A-1001")
                .containsEntry("metadata[conversation]", "con_TG:424242")
                .containsEntry("payment_intent_data[metadata][orderId]", "A-1001")
                .containsEntry("payment_intent_data[metadata][conversation]", "con_TG:424242")
                .containsEntry("client_reference_id", "A-1001")
                .containsEntry("success_url", StripeConfig.DEFAULT_SUCCESS_URL)
                .containsEntry("cancel_url", StripeConfig.DEFAULT_CANCEL_URL);
        assertThat(request.bodyText()).contains("metadata%5BorderId%5D=A-1001");

        String id = delivered.externalRef();
        assertThat(id).startsWith("cs_test_");
        assertThat(delivered.output().get("id").asText()).isEqualTo(id);
        assertThat(delivered.output().get("url").asText()).isEqualTo("https://checkout.stripe.com/c/pay/" + id);
        assertThat(delivered.output().get("expiresAt").asText()).isEqualTo("2026-01-02T10:00:00Z");
    }

    @Test
    void a_retried_delivery_reuses_its_idempotency_key_and_creates_one_session() {
        String input = "{\"amount\":\"5000\",\"currency\":\"jpy\",\"description\":\"Matcha\"}";
        ActionResult first = connector.invoke(Accounts.action(ActionNames.PAYMENT_LINK_CREATE, input, "dlv_02", 1));
        ActionResult again = connector.invoke(Accounts.action(ActionNames.PAYMENT_LINK_CREATE, input, "dlv_02", 2));
        assertThat(((ActionResult.Delivered) again).externalRef()).isEqualTo(((ActionResult.Delivered) first).externalRef());
        assertThat(stripe.sessions()).hasSize(1);
        assertThat(stripe.requests().get(0).formParams()).containsEntry("line_items[0][price_data][unit_amount]", "5000");
    }

    @Test
    void three_decimal_currencies_go_out_in_thousandths() {
        connector.invoke(Accounts.action(ActionNames.PAYMENT_LINK_CREATE,
                "{\"amount\":1.25,\"currency\":\"BHD\",\"description\":\"Dates\"}", "dlv_03", 1));
        assertThat(stripe.requests().get(0).formParams())
                .containsEntry("line_items[0][price_data][unit_amount]", "1250")
                .containsEntry("line_items[0][price_data][currency]", "bhd");
    }

    @Test
    void refuses_without_calling_stripe_an_amount_finer_than_the_currency_and_a_conversation_of_no_one() {
        assertThat(failure("{\"amount\":10.5,\"currency\":\"JPY\",\"description\":\"x\"}"))
                .contains("input.amount").contains("JPY");
        assertThat(failure("{\"amount\":0,\"currency\":\"usd\",\"description\":\"x\"}")).contains("input.amount");
        assertThat(failure("{\"amount\":1,\"currency\":\"dollars\",\"description\":\"x\"}")).contains("input.currency");
        assertThat(failure("{\"amount\":1,\"currency\":\"usd\"}")).contains("input.description");
        assertThat(failure("{\"amount\":1,\"currency\":\"usd\",\"description\":\"x\",\"conversation\":\"con_X:1\"}"))
                .contains("no conversation of this tenant");
        assertThat(stripe.requests()).isEmpty();
    }

    private String failure(String input) {
        ActionResult result = connector.invoke(Accounts.action(ActionNames.PAYMENT_LINK_CREATE, input, "dlv_x", 1));
        assertThat(result).isInstanceOf(ActionResult.Failed.class);
        return ((ActionResult.Failed) result).reason();
    }
}
