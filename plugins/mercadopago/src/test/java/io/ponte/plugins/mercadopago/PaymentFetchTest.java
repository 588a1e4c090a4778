package io.ponte.plugins.mercadopago;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ponte.api.action.ActionResult;
import io.ponte.api.message.ConversationKey;
import io.ponte.api.message.EnvelopeDraft;
import io.ponte.api.message.Payment;
import io.ponte.plugins.mercadopago.fake.FakeMercadoPago;
import io.ponte.plugins.mercadopago.fake.Notices;
import io.ponte.testkit.TestFollowUps;
import io.ponte.testkit.fake.Answer;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The notices' follow-ups, run as the hub runs them (TestFollowUps): fetch the payment, emit its state once. */
class PaymentFetchTest {

    private static final String CARD = "17014025134";

    private final FakeMercadoPago api = new FakeMercadoPago(Accounts.TOKEN);
    private final Accounts account = new Accounts(api);

    @AfterEach
    void stop() {
        api.close();
    }

    private List<TestFollowUps.Run> notify(String paymentId, long noticeId) {
        return TestFollowUps.run(account.connector, account.context, account.receive(Notices.payment(Accounts.SECRET,
                "payment.updated", paymentId, noticeId, "req-" + noticeId, "1767261600")).envelopes());
    }

    @Test
    void a_payment_notice_becomes_the_payments_state_caused_by_the_notice() {
        api.put(FakeMercadoPago.fixture("api/payment-card-approved.json"));

        List<TestFollowUps.Run> runs = notify(CARD, 1);

        assertThat(runs).hasSize(1);
        assertThat(runs.get(0).result()).isInstanceOf(ActionResult.Delivered.class);
        assertThat(api.paymentReads(CARD)).hasSize(1);
        assertThat(api.paymentReads(CARD).get(0).header("authorization")).isEqualTo("Bearer " + Accounts.TOKEN);
        EnvelopeDraft emitted = account.context.emitted().get(0);
        assertThat(emitted.type()).isEqualTo("payment.succeeded");
        assertThat(emitted.externalId()).isEqualTo(CARD + ":approved");
        assertThat(emitted.causationId()).startsWith("evt_NOTICE");
        assertThat(emitted.attributes()).containsEntry("statusDetail", "accredited")
                .containsEntry("paymentType", "credit_card");
        Payment payment = (Payment) emitted.payload();
        assertThat(payment).isEqualTo(new Payment(CARD, "approved", new BigDecimal("12.34"), "BRL", "1631894348",
                new io.ponte.api.message.Party("test_user_1631894348@testuser.com", null), "master"));
        assertThat(emitted.conversation()).as("no conversation in its metadata").isNull();
    }

    @Test
    void the_same_state_fetched_twice_is_stored_once_and_a_new_state_again() {
        ObjectNode pix = FakeMercadoPago.fixture("api/payment-pix-pending.json");
        pix.putObject("metadata").put("conversation", "con_WA:5511987650001");
        api.put(pix);

        notify("1325000001", 1);
        notify("1325000001", 2);
        api.setStatus("1325000001", "approved", "accredited");
        notify("1325000001", 3);
        notify("1325000001", 4);

        assertThat(api.paymentReads("1325000001")).hasSize(4);
        assertThat(account.context.emitted()).extracting(EnvelopeDraft::type)
                .containsExactly("payment.pending", "payment.succeeded");
        EnvelopeDraft paid = account.context.emitted().get(1);
        assertThat(paid.externalId()).isEqualTo("1325000001:approved");
        assertThat(paid.conversation()).isEqualTo(new ConversationKey("con_WA", "5511987650001"));
        assertThat(paid.attributes()).containsEntry("conversationConnection", "con_WA")
                .containsEntry("conversationAddress", "5511987650001");
        assertThat(((Payment) paid.payload()).method()).isEqualTo("pix");
    }

    @ParameterizedTest
    @CsvSource({"approved,payment.succeeded", "pending,payment.pending", "in_process,payment.pending",
            "authorized,payment.pending", "rejected,payment.failed", "cancelled,payment.failed",
            "refunded,payment.refunded", "charged_back,payment.refunded", "in_mediation,payment.disputed"})
    void each_payment_status_becomes_its_envelope(String status, String type) {
        api.put(FakeMercadoPago.fixture("api/payment-card-approved.json"));
        api.setStatus(CARD, status, "x");
        notify(CARD, 1);
        assertThat(account.context.emitted()).extracting(EnvelopeDraft::type).containsExactly(type);
        assertThat(account.context.emitted().get(0).externalId()).isEqualTo(CARD + ":" + status);
    }

    @Test
    void a_notice_for_a_payment_mercado_pago_does_not_know_fails_its_fetch_with_the_reason() {
        ActionResult result = notify("123", 1).get(0).result();
        assertThat(result).isInstanceOfSatisfying(ActionResult.Failed.class, f -> assertThat(f.reason())
                .contains("404").contains("Payment not found").contains("2000"));
        assertThat(account.context.emitted()).isEmpty();
    }

    @Test
    void a_rate_limit_or_an_outage_retries_the_fetch_honouring_retry_after() {
        api.put(FakeMercadoPago.fixture("api/payment-card-approved.json"));
        api.enqueue(FakeMercadoPago.error(429, "too_many_requests", "Too many requests", 0)
                .withHeader("Retry-After", "7"));
        api.enqueue(FakeMercadoPago.error(503, "service_unavailable", "Service unavailable", 0));

        assertThat(notify(CARD, 1).get(0).result()).isInstanceOfSatisfying(ActionResult.Retry.class,
                r -> assertThat(r.after()).isEqualTo(Duration.ofSeconds(7)));
        assertThat(notify(CARD, 2).get(0).result()).isInstanceOf(ActionResult.Retry.class);
        assertThat(account.context.emitted()).isEmpty();
        assertThat(notify(CARD, 3).get(0).result()).isInstanceOf(ActionResult.Delivered.class);
        assertThat(account.context.emitted()).hasSize(1);
    }

    @Test
    void an_order_notice_becomes_the_orders_state() {
        api.enqueue(Answer.json(200, """
                {"id":"ORD01JQ4S4KY8HWQ6NA5PXB65B3D3","type":"online","external_reference":"ext_ref_1234",
                 "total_amount":"150.00","status":"processed","status_detail":"accredited",
                 "payer":{"email":"test@email.com"},
                 "transactions":{"payments":[{"id":"PAY01","amount":"150.00","status":"processed",
                   "payment_method":{"id":"visa","type":"credit_card","installments":1}}]}}"""));
        String body = FakeMercadoPago.fixture("notices/order-processed.json").toString();
        List<TestFollowUps.Run> runs = TestFollowUps.run(account.connector, account.context, account.receive(
                Notices.signed(Accounts.SECRET, "order", "ORD01JQ4S4KY8HWQ6NA5PXB65B3D3", "r", "1", body))
                .envelopes());

        assertThat(runs.get(0).result()).isInstanceOf(ActionResult.Delivered.class);
        assertThat(api.requests().get(0).path()).isEqualTo("/v1/orders/ORD01JQ4S4KY8HWQ6NA5PXB65B3D3");
        EnvelopeDraft emitted = account.context.emitted().get(0);
        assertThat(emitted.type()).isEqualTo("payment.succeeded");
        assertThat(emitted.payload()).isEqualTo(new Payment("ORD01JQ4S4KY8HWQ6NA5PXB65B3D3", "processed",
                new BigDecimal("150.00"), null, "ext_ref_1234", io.ponte.api.message.Party.of("test@email.com"),
                "visa"));
    }
}
