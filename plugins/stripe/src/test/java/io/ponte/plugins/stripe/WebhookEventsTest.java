package io.ponte.plugins.stripe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ponte.api.error.WebhookRejectedException;
import io.ponte.api.message.ConversationKey;
import io.ponte.api.message.EnvelopeDraft;
import io.ponte.api.message.EnvelopeTypes;
import io.ponte.api.message.GenericPayload;
import io.ponte.api.message.Payment;
import io.ponte.api.webhook.WebhookResult;
import io.ponte.plugins.stripe.fake.FakeStripe;
import io.ponte.plugins.stripe.fake.StripeEvents;
import io.ponte.testkit.TestConnectorContext;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Real Stripe events, signed, through the connector's receiver: what each becomes. */
class WebhookEventsTest {

    private final FakeStripe stripe = new FakeStripe();
    private final TestConnectorContext context = Accounts.context(stripe);
    private final StripeConnector connector = Accounts.open(context);
    private final StripeEvents events = stripe.events();

    @AfterEach
    void close() {
        stripe.close();
    }

    @Test
    void a_succeeded_payment_intent_becomes_payment_succeeded_in_major_units_keyed_by_its_payment() {
        EnvelopeDraft draft = receiveFixture("payment_intent.succeeded.json");
        assertThat(draft.type()).isEqualTo(EnvelopeTypes.PAYMENT_SUCCEEDED);
        assertThat(draft.externalId()).isEqualTo("pi_000000000000000000000000:succeeded");
        assertThat(draft.occurredAt()).isEqualTo(Instant.ofEpochSecond(1648320033));
        Payment payment = (Payment) draft.payload();
        assertThat(payment.paymentId()).isEqualTo("pi_000000000000000000000000");
        assertThat(payment.status()).isEqualTo("succeeded");
        assertThat(payment.amount()).isEqualByComparingTo("20.00");
        assertThat(payment.amount().scale()).isEqualTo(2);
        assertThat(payment.currency()).isEqualTo("USD");
        assertThat(payment.method()).isEqualTo("card");
        assertThat(payment.payer()).isNull();
        assertThat(draft.attributes()).containsEntry("amountMinor", "2000")
                .containsEntry("stripeEvent", "payment_intent.succeeded");
        assertThat(draft.conversation()).isNull();
    }

    @Test
    void a_failed_payment_intent_becomes_payment_failed_with_stripes_decline() {
        EnvelopeDraft draft = receiveFixture("payment_intent.payment_failed.json");
        assertThat(draft.type()).isEqualTo(EnvelopeTypes.PAYMENT_FAILED);
        assertThat(((Payment) draft.payload()).status()).isEqualTo("requires_payment_method");
        assertThat(((Payment) draft.payload()).amount()).isEqualByComparingTo("20.00");
        assertThat(draft.attributes()).containsEntry("failureCode", "card_declined")
                .containsEntry("declineCode", "generic_decline")
                .containsEntry("failureMessage", "Your card was declined.");
    }

    @Test
    void a_completed_paid_checkout_session_becomes_payment_succeeded_of_its_payment_intent() {
        EnvelopeDraft draft = receiveFixture("checkout.session.completed.json");
        assertThat(draft.type()).isEqualTo(EnvelopeTypes.PAYMENT_SUCCEEDED);
        Payment payment = (Payment) draft.payload();
        assertThat(payment.paymentId()).isEqualTo("pi_3PonteCheckout0001");
        assertThat(payment.status()).isEqualTo("paid");
        assertThat(payment.amount()).isEqualByComparingTo("250.00");
        assertThat(payment.payer().address()).isEqualTo("payer@example.com");
        assertThat(payment.payer().name()).isEqualTo("Jenny Rosen");
        assertThat(draft.attributes()).containsEntry("checkoutSession", "cs_test_a1PonteSession0001");
    }

    @Test
    void a_completed_unpaid_checkout_session_is_pending_and_its_async_outcome_follows() {
        ObjectNode session = (ObjectNode) stripe.events().checkoutSessionCompleted(Accounts.json("{}")).json()
                .at("/data/object");
        session.put("payment_status", "unpaid").put("client_reference_id", "order-77");
        assertThat(receive(events.checkoutSessionCompleted(session)).type()).isEqualTo(EnvelopeTypes.PAYMENT_PENDING);
        session.put("payment_status", "paid");
        EnvelopeDraft settled = receive(events.checkoutSessionAsyncSucceeded(session));
        assertThat(settled.type()).isEqualTo(EnvelopeTypes.PAYMENT_SUCCEEDED);
        assertThat(((Payment) settled.payload()).orderId()).as("client_reference_id").isEqualTo("order-77");
        EnvelopeDraft failed = receive(events.event("checkout.session.completed.json",
                "checkout.session.async_payment_failed", session.put("payment_status", "unpaid")));
        assertThat(failed.type()).isEqualTo(EnvelopeTypes.PAYMENT_FAILED);
    }

    @Test
    void a_refunded_legacy_charge_becomes_payment_refunded_of_the_charge() {
        EnvelopeDraft draft = receiveFixture("charge.refunded.legacy-shape.json");
        assertThat(draft.type()).isEqualTo(EnvelopeTypes.PAYMENT_REFUNDED);
        Payment payment = (Payment) draft.payload();
        assertThat(payment.paymentId()).as("no payment_intent in the 2013 shape").isEqualTo("ch_000000000000000000000000");
        assertThat(payment.status()).isEqualTo("refunded");
        assertThat(payment.amount()).isEqualByComparingTo("1.00");
        assertThat(draft.attributes()).containsEntry("chargeId", "ch_000000000000000000000000");
    }

    @Test
    void a_partial_refund_of_a_payment_intent_links_to_the_payment() {
        ObjectNode charge = Accounts.json("""
                {"id":"ch_1","object":"charge","amount":5000,"amount_refunded":1500,"refunded":false,
                 "currency":"brl","payment_intent":"pi_1","metadata":{"orderId":"A-1"}}""").deepCopy();
        EnvelopeDraft draft = receive(events.chargeRefunded(charge));
        Payment payment = (Payment) draft.payload();
        assertThat(payment.paymentId()).isEqualTo("pi_1");
        assertThat(payment.status()).isEqualTo("partially_refunded");
        assertThat(payment.amount()).isEqualByComparingTo("15.00");
        assertThat(payment.currency()).isEqualTo("BRL");
        assertThat(payment.orderId()).isEqualTo("A-1");
        assertThat(draft.attributes()).containsEntry("metadata.orderId", "A-1").containsEntry("amountMinor", "1500");
    }

    @Test
    void an_updated_refund_becomes_payment_refunded_with_the_refunds_status_and_metadata() {
        EnvelopeDraft draft = receiveFixture("refund.updated.json");
        assertThat(draft.type()).isEqualTo(EnvelopeTypes.PAYMENT_REFUNDED);
        Payment payment = (Payment) draft.payload();
        assertThat(payment.paymentId()).as("no payment_intent: the charge").isEqualTo("ch_1PonteRefunded0001");
        assertThat(payment.status()).isEqualTo("succeeded");
        assertThat(payment.orderId()).as("metadata order_id").isEqualTo("6735");
        assertThat(draft.attributes()).containsEntry("refundId", "re_1PonteRefund0001")
                .containsEntry("refundReason", "requested_by_customer").containsEntry("metadata.order_id", "6735");
        EnvelopeDraft legacyName = receive(events.event("refund.updated.json", "charge.refund.updated",
                Accounts.json("{}")));
        assertThat(legacyName.type()).as("the older name of refund.updated").isEqualTo(EnvelopeTypes.PAYMENT_REFUNDED);
    }

    @Test
    void a_dispute_becomes_payment_disputed_of_its_payment() {
        EnvelopeDraft draft = receiveFixture("charge.dispute.created.json");
        assertThat(draft.type()).isEqualTo(EnvelopeTypes.PAYMENT_DISPUTED);
        Payment payment = (Payment) draft.payload();
        assertThat(payment.paymentId()).as("its PaymentIntent").isEqualTo("pi_3PonteDisputed0001");
        assertThat(payment.status()).isEqualTo("needs_response");
        assertThat(payment.amount()).isEqualByComparingTo("10.00");
        assertThat(draft.attributes()).containsEntry("disputeId", "dp_1PonteDispute0001")
                .containsEntry("chargeId", "ch_3PonteDisputed0001").containsEntry("disputeReason", "fraudulent");
    }

    @Test
    void an_unmapped_event_type_is_acknowledged_and_kept_whole_as_stripe_event() {
        EnvelopeDraft draft = receiveFixture("setup_intent.created.docs-example.json");
        assertThat(draft.type()).isEqualTo("stripe.event");
        assertThat(draft.externalId()).isEqualTo("evt_1NG8Du2eZvKYlo2CUI79vXWy");
        assertThat(((GenericPayload) draft.payload()).data().at("/data/object/id").asText())
                .isEqualTo("seti_1NG8Du2eZvKYlo2C9XMqbR0x");
        assertThat(draft.attributes()).containsEntry("stripeEvent", "setup_intent.created");
    }

    @Test
    void zero_and_three_decimal_currencies_keep_stripes_exponents() {
        ObjectNode yen = Accounts.json("""
                {"id":"pi_jpy","object":"payment_intent","amount":5000,"amount_received":5000,
                 "currency":"jpy","status":"succeeded"}""").deepCopy();
        Payment jpy = (Payment) receive(events.paymentIntentSucceeded(yen)).payload();
        assertThat(jpy.amount()).isEqualTo(new BigDecimal("5000"));
        ObjectNode dinar = yen.put("id", "pi_bhd").put("amount", 1250).put("amount_received", 1250)
                .put("currency", "bhd");
        EnvelopeDraft bhd = receive(events.paymentIntentSucceeded(dinar));
        assertThat(((Payment) bhd.payload()).amount()).isEqualTo(new BigDecimal("1.250"));
        assertThat(bhd.attributes()).containsEntry("amountMinor", "1250");
    }

    @Test
    void a_payment_joins_the_conversation_its_metadata_names_when_the_hub_has_it() {
        ConversationKey key = new ConversationKey("con_TG", "424242");
        context.conversations().open(key, "Joana");
        ObjectNode intent = Accounts.json("""
                {"id":"pi_c","object":"payment_intent","amount":1990,"amount_received":1990,"currency":"brl",
                 "status":"succeeded","metadata":{"orderId":"A-9","conversation":"con_TG:424242"}}""").deepCopy();
        EnvelopeDraft draft = receive(events.paymentIntentSucceeded(intent));
        assertThat(draft.conversation()).isEqualTo(key);
        assertThat(draft.attributes()).containsEntry("metadata.conversation", "con_TG:424242");

        intent.with("metadata").put("conversation", "con_OTHER:1");
        EnvelopeDraft stranger = receive(events.paymentIntentSucceeded(intent));
        assertThat(stranger.conversation()).as("a conversation the hub does not have in this tenant").isNull();
        assertThat(stranger.attributes()).containsEntry("metadata.conversation", "con_OTHER:1");
    }

    @Test
    void a_redelivered_event_carries_the_same_external_id_so_the_hub_stores_it_once() {
        StripeEvents.Event event = events.paymentIntentSucceeded(Accounts.json("""
                {"id":"pi_r","amount":100,"currency":"usd","status":"succeeded"}"""));
        EnvelopeDraft first = receive(event);
        context.advance(Duration.ofMinutes(1));
        EnvelopeDraft retry = Accounts.receive(connector, Accounts.webhook(event.body(),
                events.header(context.clock().instant().getEpochSecond(), event.body()))).envelopes().get(0);
        assertThat(retry.externalId()).isEqualTo(first.externalId()).isEqualTo("pi_r:succeeded");
    }

    @Test
    void a_checkout_and_its_payment_intent_succeeding_are_one_success_to_the_hub() {
        EnvelopeDraft intent = receive(events.paymentIntentSucceeded(Accounts.json("""
                {"id":"pi_c","amount":4200,"amount_received":4200,"currency":"brl","status":"succeeded"}""")));
        ObjectNode session = (ObjectNode) Accounts.json("""
                {"id":"cs_c","payment_intent":"pi_c","payment_status":"paid","amount_total":4200,"currency":"brl"}""");
        EnvelopeDraft checkout = receive(events.checkoutSessionCompleted(session));
        assertThat(checkout.type()).isEqualTo(intent.type()).isEqualTo(EnvelopeTypes.PAYMENT_SUCCEEDED);
        assertThat(checkout.externalId()).as("the hub stores the first and answers the second as a duplicate")
                .isEqualTo(intent.externalId()).isEqualTo("pi_c:succeeded");
        // a failure may repeat (another card, another try): each keeps its own event id
        StripeEvents.Event failure = events.event("payment_intent.payment_failed.json",
                "payment_intent.payment_failed", Accounts.json("{\"id\":\"pi_c\"}"));
        assertThat(receive(failure).externalId()).isEqualTo(failure.id());
    }

    @Test
    void refuses_missing_wrong_stale_and_unsigned_requests_with_nothing_returned() {
        StripeEvents.Event event = events.paymentIntentSucceeded(Accounts.json("{\"id\":\"pi_x\"}"));
        long now = context.clock().instant().getEpochSecond();
        assertThat(rejected(null, event.body()).status()).isEqualTo(400);
        assertThat(rejected("garbage", event.body()).status()).isEqualTo(400);
        assertThat(rejected(StripeEvents.signedWith("whsec_someoneElse").header(now, event.body()), event.body()))
                .returns(401, WebhookRejectedException::status)
                .hasMessage("No signatures found matching the expected signature for payload");
        assertThat(rejected(events.header(now - 360, event.body()), event.body()))
                .returns(401, WebhookRejectedException::status).hasMessage("Timestamp outside the tolerance zone");
        assertThat(context.recordedMetrics()).anySatisfy(m -> assertThat(m).contains("webhook.rejected"));
    }

    @Test
    void refuses_a_signed_body_that_is_no_v1_event() {
        String thin = "{\"id\":\"evt_test_65R\",\"object\":\"v2.core.event\",\"type\":\"v1.billing.meter.error\"}";
        assertThat(rejected(events.header(context.clock().instant().getEpochSecond(), thin), thin).status())
                .isEqualTo(400);
    }

    private EnvelopeDraft receiveFixture(String name) {
        String body = StripeEvents.fixture(name);
        return single(Accounts.receive(connector, Accounts.webhook(body,
                events.header(context.clock().instant().getEpochSecond(), body))));
    }

    private EnvelopeDraft receive(StripeEvents.Event event) {
        return single(Accounts.receive(connector, Accounts.webhook(event.body(),
                events.header(context.clock().instant().getEpochSecond(), event.body()))));
    }

    private static EnvelopeDraft single(WebhookResult result) {
        assertThat(result.envelopes()).hasSize(1);
        assertThat(result.response(1, 0).status()).isEqualTo(200);
        return result.envelopes().get(0);
    }

    private WebhookRejectedException rejected(String signature, String body) {
        WebhookRejectedException e = catchThrowableOfType(WebhookRejectedException.class,
                () -> Accounts.receive(connector, Accounts.webhook(body, signature)));
        assertThat(e).isNotNull();
        return e;
    }
}
