package io.ponte.plugins.salesforce;

import static org.assertj.core.api.Assertions.assertThat;

import io.ponte.api.action.ActionResult;
import io.ponte.api.connector.Connector;
import io.ponte.api.connector.Poller;
import io.ponte.api.message.Contact;
import io.ponte.api.message.EnvelopeDraft;
import io.ponte.api.message.GenericPayload;
import io.ponte.plugins.salesforce.fake.FakeSalesforce;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ChangesPollerTest {

    @Test
    void emits_changed_contacts_and_deals_once_per_version_with_the_previous_stage() {
        try (FakeSalesforce org = Orgs.org()) {
            Connector sf = Orgs.open(Orgs.context(org));
            Poller poller = sf.poller().orElseThrow();
            Poller.Batch start = poller.poll(Optional.empty());
            assertThat(start.envelopes()).isEmpty();

            String contact = ((ActionResult.Delivered) Orgs.invoke(sf, "contact.upsert",
                    "{\"name\":\"Ana Souza\",\"email\":\"ana@example.com\"}")).externalRef();
            String deal = ((ActionResult.Delivered) Orgs.invoke(sf, "deal.create",
                    "{\"title\":\"Ana - anual\",\"amount\":\"99.90\",\"contact\":\"" + contact + "\"}"))
                    .externalRef();
            Poller.Batch first = poller.poll(Optional.of(start.cursor()));
            assertThat(first.envelopes()).extracting(EnvelopeDraft::type)
                    .containsExactly("contact.upserted", "deal.updated");
            EnvelopeDraft upserted = first.envelopes().get(0);
            assertThat(upserted.payload()).isEqualTo(new Contact(contact, "Ana Souza", "ana@example.com", null,
                    Map.of()));
            assertThat(upserted.externalId()).isEqualTo(contact + ":"
                    + org.record(contact).get("SystemModstamp").asText());
            EnvelopeDraft created = first.envelopes().get(1);
            var payload = ((GenericPayload) created.payload()).data();
            assertThat(payload.get("dealId").asText()).isEqualTo(deal);
            assertThat(payload.get("stage").asText()).isEqualTo("Prospecting");
            assertThat(payload.get("amount").decimalValue()).isEqualByComparingTo("99.90");
            assertThat(payload.get("contactId").asText()).isEqualTo(contact);
            assertThat(created.attributes()).doesNotContainKey("previousStage");

            org.edit(deal, Map.of("StageName", "Closed Won"));
            Poller.Batch moved = poller.poll(Optional.of(first.cursor()));
            EnvelopeDraft won = moved.envelopes().stream().filter(e -> e.type().equals("deal.updated"))
                    .filter(e -> e.externalId().equals(deal + ":" + org.record(deal).get("SystemModstamp").asText()))
                    .findFirst().orElseThrow();
            assertThat(won.attributes()).containsEntry("previousStage", "Prospecting");
            assertThat(((GenericPayload) won.payload()).data().get("stage").asText()).isEqualTo("Closed Won");

            // the same version polled again (the hub crashed before keeping the cursor) says the same
            Poller.Batch repeated = poller.poll(Optional.of(first.cursor()));
            assertThat(repeated.envelopes()).filteredOn(e -> e.externalId().equals(won.externalId()))
                    .singleElement().satisfies(e -> assertThat(e.attributes())
                            .containsEntry("previousStage", "Prospecting"));
        }
    }
}
