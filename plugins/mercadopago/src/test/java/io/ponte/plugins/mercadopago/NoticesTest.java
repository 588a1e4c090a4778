package io.ponte.plugins.mercadopago;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ponte.api.error.WebhookRejectedException;
import io.ponte.api.message.EnvelopeDraft;
import io.ponte.api.message.GenericPayload;
import io.ponte.api.webhook.WebhookResult;
import io.ponte.plugins.mercadopago.fake.FakeMercadoPago;
import io.ponte.plugins.mercadopago.fake.Notices;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Mercado Pago's notices at the receiver: signature first, then a stored notice that asks for the fetch. */
class NoticesTest {

    private final FakeMercadoPago api = new FakeMercadoPago(Accounts.TOKEN);
    private final Accounts account = new Accounts(api);

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void stores_a_signed_payment_notice_keyed_by_its_id_with_a_fetch_of_the_payment() {
        WebhookResult result = account.receive(Notices.payment(Accounts.SECRET, "payment.created", "999999999",
                12345, "bb56a2f1-6aae-46ac-982e-9dcd3581d08e", "1704908010"));

        assertThat(result.envelopes()).hasSize(1);
        EnvelopeDraft notice = result.envelopes().get(0);
        assertThat(notice.type()).isEqualTo("mercadopago.notice");
        assertThat(notice.externalId()).isEqualTo("12345");
        assertThat(notice.occurredAt()).isEqualTo(Instant.parse("2026-01-01T10:01:00Z"));
        assertThat(notice.attributes()).containsEntry("topic", "payment").containsEntry("action", "payment.created")
                .containsEntry("dataId", "999999999");
        assertThat(((GenericPayload) notice.payload()).data().at("/data/id").asText()).isEqualTo("999999999");
        assertThat(notice.followUp().action()).isEqualTo("payment.fetch");
        assertThat(notice.followUp().resource()).isEqualTo("/v1/payments/999999999");
        assertThat(notice.followUp().input().get("paymentId").asText()).isEqualTo("999999999");
        assertThat(result.response().status()).isEqualTo(200);
        assertThat(api.requests()).as("acknowledged without calling Mercado Pago").isEmpty();
    }

    @Test
    void keys_a_notice_without_an_id_by_type_data_id_and_request_id() {
        String body = "{\"type\":\"payment\",\"action\":\"payment.updated\",\"data\":{\"id\":\"42\"}}";
        EnvelopeDraft notice = account.receive(Notices.signed(Accounts.SECRET, "payment", "42", "req-7", "1767261600",
                body)).envelopes().get(0);
        assertThat(notice.externalId()).isEqualTo("payment:42:req-7");
    }

    @Test
    void fetches_an_order_for_an_order_notice_and_nothing_for_other_topics() {
        String order = FakeMercadoPago.fixture("notices/order-processed.json").toString();
        EnvelopeDraft orderNotice = account.receive(Notices.signed(Accounts.SECRET, "order",
                "ORD01JQ4S4KY8HWQ6NA5PXB65B3D3", "req-1", "1742505638683", order)).envelopes().get(0);
        assertThat(orderNotice.followUp().action()).isEqualTo("order.fetch");
        assertThat(orderNotice.followUp().resource()).isEqualTo("/v1/orders/ORD01JQ4S4KY8HWQ6NA5PXB65B3D3");
        assertThat(orderNotice.externalId()).isEqualTo("order:ORD01JQ4S4KY8HWQ6NA5PXB65B3D3:req-1");

        String chargeback = "{\"id\":777,\"type\":\"topic_chargebacks_wh\",\"data\":{\"id\":\"55\"}}";
        EnvelopeDraft other = account.receive(Notices.signed(Accounts.SECRET, "topic_chargebacks_wh", "55", "req-2",
                "1767261600", chargeback)).envelopes().get(0);
        assertThat(other.externalId()).isEqualTo("777");
        assertThat(other.followUp()).isNull();
    }

    @Test
    void reads_the_legacy_notice_shape_too() {
        String legacy = FakeMercadoPago.fixture("notices/payment-created-legacy.json").toString();
        EnvelopeDraft notice = account.receive(Notices.signed(Accounts.SECRET, "payment", "999999999", "req-3",
                "1767261600", legacy)).envelopes().get(0);
        assertThat(notice.followUp().resource()).isEqualTo("/v1/payments/999999999");
    }

    @Test
    void refuses_a_notice_with_a_wrong_or_missing_signature_with_401_and_stores_nothing() {
        Notices.Notice good = Notices.payment(Accounts.SECRET, "payment.created", "999999999", 12345, "req-4",
                "1767261600");
        for (Notices.Notice bad : new Notices.Notice[]{good.withSignature(null),
                good.withSignature("ts=1767261600,v1=" + "0".repeat(64)),
                Notices.payment("another-secret", "payment.created", "999999999", 12345, "req-4", "1767261600"),
                good.withSignature("garbage")}) {
            assertThatThrownBy(() -> account.receive(bad)).isInstanceOfSatisfying(WebhookRejectedException.class,
                    e -> assertThat(e.status()).isEqualTo(401));
        }
        assertThat(account.context.recordedMetrics()).filteredOn(m -> m.startsWith("webhook.rejected")).hasSize(4);
    }

    @Test
    void refuses_a_signed_notice_that_names_no_type_or_a_path_changing_id_with_400() {
        assertThatThrownBy(() -> account.receive(Notices.signed(Accounts.SECRET, "", "1", "r", "1", "{\"id\":1}")))
                .isInstanceOfSatisfying(WebhookRejectedException.class, e -> assertThat(e.status()).isEqualTo(400));
        assertThatThrownBy(() -> account.receive(Notices.signed(Accounts.SECRET, "payment", "1/../users", "r",
                "1", "{\"id\":1,\"type\":\"payment\"}")))
                .isInstanceOfSatisfying(WebhookRejectedException.class, e -> assertThat(e.status()).isEqualTo(400));
    }
}
