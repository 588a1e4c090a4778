package io.ponte.plugins.stripe;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ponte.api.action.ActionNames;
import io.ponte.api.action.ActionResult;
import io.ponte.api.connector.Health;
import io.ponte.plugins.stripe.fake.FakeStripe;
import io.ponte.testkit.TestConnectorContext;
import io.ponte.testkit.fake.Answer;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code payment.refund} and Stripe's error answers, against the fake Stripe API. */
class RefundTest {

    private final FakeStripe stripe = new FakeStripe();
    private final TestConnectorContext context = Accounts.context(stripe);
    private final StripeConnector connector = Accounts.open(context);

    @AfterEach
    void close() {
        stripe.close();
    }

    @Test
    void refunds_a_payment_intent_in_full() {
        String pi = paidPayment("25.00", "usd");
        ActionResult.Delivered refund = (ActionResult.Delivered) refund("{\"paymentId\":\"" + pi + "\"}", "dlv_r1", 1);
        assertThat(stripe.requests().getLast().formParams()).containsEntry("payment_intent", pi)
                .doesNotContainKey("amount");
        assertThat(refund.externalRef()).startsWith("re_");
        assertThat(refund.output().get("paymentId").asText()).isEqualTo(pi);
        assertThat(refund.output().get("amount").decimalValue()).isEqualByComparingTo("25.00");
        assertThat(refund.output().get("status").asText()).isEqualTo("succeeded");
    }

    @Test
    void a_partial_amount_in_major_units_goes_out_in_the_payments_minor_units_read_from_stripe() {
        String pi = paidPayment("1.500", "kwd");
        refund("{\"paymentId\":\"" + pi + "\",\"amount\":0.25}", "dlv_r2", 1);
        assertThat(stripe.requests().get(stripe.requests().size() - 2).path()).isEqualTo("/v1/payment_intents/" + pi);
        assertThat(stripe.requests().getLast().formParams()).containsEntry("amount", "250");
        assertThat(stripe.charge(stripe.paymentIntent(pi).get("latest_charge").asText())
                .get("amount_refunded").asLong()).isEqualTo(250);
    }

    @Test
    void a_429_and_5xx_storm_is_retried_with_the_same_key_and_refunds_once() {
        String pi = paidPayment("10.00", "usd");
        stripe.rateLimitNext(2, 7);
        stripe.serverErrorNext(1, 503);
        String input = "{\"paymentId\":\"" + pi + "\",\"amount\":\"4.00\",\"currency\":\"usd\"}";
        ActionResult first = refund(input, "dlv_storm", 1);
        assertThat(first).isInstanceOf(ActionResult.Retry.class);
        assertThat(((ActionResult.Retry) first).after()).isEqualTo(Duration.ofSeconds(7));
        assertThat(((ActionResult.Retry) first).reason()).contains("rate limit");
        assertThat(refund(input, "dlv_storm", 2)).isInstanceOf(ActionResult.Retry.class);
        assertThat(((ActionResult.Retry) refund(input, "dlv_storm", 3)).reason()).contains("503");
        assertThat(refund(input, "dlv_storm", 4)).isInstanceOf(ActionResult.Delivered.class);
        assertThat(refund(input, "dlv_storm", 5)).as("a repeat after the answer was lost")
                .isInstanceOf(ActionResult.Delivered.class);
        assertThat(stripe.refunds()).hasSize(1);
        assertThat(stripe.requests(r -> r.path().equals("/v1/refunds")))
                .allSatisfy(r -> assertThat(r.header("idempotency-key")).isEqualTo("dlv_storm"));
    }

    @Test
    void stripes_refusals_fail_with_its_message_and_code() {
        String pi = paidPayment("10.00", "usd");
        String tooMuch = ((ActionResult.Failed) refund("{\"paymentId\":\"" + pi
                + "\",\"amount\":11,\"currency\":\"usd\"}", "dlv_e1", 1)).reason();
        assertThat(tooMuch).contains("Refund amount (1100) is greater than unrefunded amount on charge (1000)")
                .contains("code amount_too_large").doesNotContain("dashboard.stripe.com");
        assertThat(((ActionResult.Failed) refund("{\"paymentId\":\"pi_nope\",\"currency\":\"usd\",\"amount\":1}",
                "dlv_e2", 1)).reason()).contains("No such payment_intent: 'pi_nope'").contains("resource_missing");
        stripe.enqueue(Answer.json(402, """
                {"error":{"type":"card_error","code":"card_declined","decline_code":"insufficient_funds",
                 "message":"Your card has insufficient funds."}}"""));
        assertThat(((ActionResult.Failed) refund("{\"paymentId\":\"" + pi + "\"}", "dlv_e3", 1)).reason())
                .contains("Your card has insufficient funds.").contains("card_error").contains("insufficient_funds");
        stripe.enqueue(Answer.json(409, """
                {"error":{"type":"idempotency_error","code":"idempotency_key_in_use",
                 "message":"There is currently another in-progress request using this Idempotent Key."}}"""));
        assertThat(refund("{\"paymentId\":\"" + pi + "\"}", "dlv_e4", 1)).isInstanceOf(ActionResult.Failed.class);
        stripe.enqueue(Answer.json(500, "{\"error\":{\"type\":\"api_error\",\"message\":\"boom\"}}")
                .withHeader("Stripe-Should-Retry", "false"));
        assertThat(((ActionResult.Failed) refund("{\"paymentId\":\"" + pi + "\"}", "dlv_e5", 1)).reason())
                .contains("not to retry");
        assertThat(stripe.refunds()).isEmpty();
    }

    @Test
    void the_same_key_with_other_parameters_is_refused_as_stripe_does() {
        String pi = paidPayment("10.00", "usd");
        refund("{\"paymentId\":\"" + pi + "\",\"amount\":1,\"currency\":\"usd\"}", "dlv_same", 1);
        String reason = ((ActionResult.Failed) refund("{\"paymentId\":\"" + pi + "\",\"amount\":2,\"currency\":\"usd\"}",
                "dlv_same", 1)).reason();
        assertThat(reason).contains("Keys for idempotent requests can only be used with the same parameters");
        assertThat(stripe.refunds()).hasSize(1);
    }

    @Test
    void a_refused_key_fails_and_reports_the_connection_down_without_quoting_the_key() {
        TestConnectorContext wrong = Accounts.context(stripe.baseUrl(), "sk_test_wrongKey0123456789", 2);
        ActionResult result = Accounts.open(wrong).invoke(Accounts.action(ActionNames.PAYMENT_REFUND,
                "{\"paymentId\":\"pi_1\"}", "dlv_k", 1));
        assertThat(((ActionResult.Failed) result).reason()).isEqualTo(StripeErrors.KEY_REFUSED)
                .doesNotContain("sk_test");
        assertThat(wrong.reportedHealth()).last().extracting(Health::status).isEqualTo(Health.Status.DOWN);
        assertThat(Accounts.open(wrong).health().status()).isEqualTo(Health.Status.DOWN);
        assertThat(connector.health().detail()).contains("test mode");
    }

    @Test
    void refuses_a_payment_id_that_is_not_a_payment_intent_or_charge_without_calling_stripe() {
        assertThat(((ActionResult.Failed) refund("{\"paymentId\":\"cs_test_1\"}", "dlv_p", 1)).reason())
                .contains("pi_").contains("ch_");
        assertThat(stripe.requests()).isEmpty();
    }

    private ActionResult refund(String input, String delivery, int attempt) {
        return connector.invoke(Accounts.action(ActionNames.PAYMENT_REFUND, input, delivery, attempt));
    }

    /** A Checkout Session created through the action and paid at the fake; its PaymentIntent id. */
    private String paidPayment(String amount, String currency) {
        ActionResult.Delivered link = (ActionResult.Delivered) connector.invoke(Accounts.action(
                ActionNames.PAYMENT_LINK_CREATE, "{\"amount\":\"" + amount + "\",\"currency\":\"" + currency
                        + "\",\"description\":\"x\"}", "dlv_link_" + amount + currency, 1));
        JsonNode session = stripe.pay(link.externalRef());
        stripe.reset();
        return session.get("payment_intent").asText();
    }
}
