package io.ponte.plugins.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;

import io.ponte.api.message.EnvelopeDraft;
import io.ponte.api.message.EnvelopeTypes;
import io.ponte.api.message.StatusUpdate.Status;
import io.ponte.api.message.StatusUpdate;
import io.ponte.api.webhook.WebhookReceiver;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** {@code statuses[]} into message.status, one envelope per message and state. */
class StatusUpdatesTest {

    private static final String WA_ID = "5511987650001";
    private static final String SENT_WAMID = "wamid.HBgNNTUxMTk4NzY1MDAwMRUCABIYFjNFQjA20QTFCMkMzRDRFNUY2QTdCOEM5AA==";

    private final WebhookReceiver receiver = new WhatsAppConnectorFactory()
            .open(Fixtures.context("http://127.0.0.1:9/v21.0")).webhook().orElseThrow();

    private EnvelopeDraft status(String fixture) {
        return Fixtures.only(receiver.receive(Fixtures.signedFixture("webhook/" + fixture)).envelopes());
    }

    @Test
    void maps_sent_with_the_wamid_recipient_time_and_pricing_attributes() {
        EnvelopeDraft draft = status("status-sent.json");

        assertThat(draft.type()).isEqualTo(EnvelopeTypes.MESSAGE_STATUS);
        assertThat(draft.payload()).isEqualTo(new StatusUpdate(SENT_WAMID, Status.SENT, WA_ID, null, null));
        assertThat(draft.externalId()).isEqualTo(SENT_WAMID + ":sent");
        assertThat(draft.conversationAddress()).isEqualTo(WA_ID);
        assertThat(draft.occurredAt()).isEqualTo(Instant.ofEpochSecond(1_767_261_601L));
        assertThat(draft.attributes()).containsEntry("conversationOrigin", "marketing")
                .containsEntry("pricingCategory", "marketing").containsEntry("billable", "true")
                .containsEntry("phoneNumberId", Fixtures.PHONE_NUMBER_ID);
    }

    @Test
    void gives_each_state_of_one_message_its_own_external_id() {
        assertThat(status("status-delivered.json").externalId()).isEqualTo(SENT_WAMID + ":delivered");
        assertThat(status("status-read.json").externalId()).isEqualTo(SENT_WAMID + ":read");
        assertThat(((StatusUpdate) status("status-read.json").payload()).status()).isEqualTo(Status.READ);
    }

    @Test
    void maps_failed_with_the_error_code_and_its_title_and_details() {
        StatusUpdate update = (StatusUpdate) status("status-failed.json").payload();

        assertThat(update.status()).isEqualTo(Status.FAILED);
        assertThat(update.errorCode()).isEqualTo("131026");
        assertThat(update.errorMessage()).isEqualTo("Message undeliverable: Message Undeliverable.");
    }

    @Test
    void maps_played_voice_notes_to_read() {
        EnvelopeDraft draft = status("status-played.json");

        assertThat(((StatusUpdate) draft.payload()).status()).isEqualTo(Status.READ);
        assertThat(draft.externalId()).endsWith(":read");
        assertThat(draft.attributes()).containsEntry("whatsappStatus", "played");
    }

    @Test
    void ignores_a_status_ponte_has_no_state_for_and_keeps_the_others() {
        String body = """
                {"object":"whatsapp_business_account","entry":[{"id":"104857600000001","changes":[{"value":{
                 "messaging_product":"whatsapp","metadata":{"display_phone_number":"15550104477",
                 "phone_number_id":"110000000000077"},"statuses":[
                  {"id":"wamid.B1","status":"warning","timestamp":"1767261600","recipient_id":"5511987650001"},
                  {"id":"wamid.B1","status":"delivered","timestamp":"1767261601","recipient_id":"5511987650001"}]},
                 "field":"messages"}]}]}""";

        EnvelopeDraft draft = Fixtures.only(receiver.receive(Fixtures.signed(body)).envelopes());

        assertThat(draft.externalId()).isEqualTo("wamid.B1:delivered");
    }
}
