package io.ponte.plugins.pipedrive;

import static io.ponte.plugins.pipedrive.Companies.signed;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ponte.api.action.ActionResult;
import io.ponte.api.message.Contact;
import io.ponte.api.message.EnvelopeDraft;
import io.ponte.api.message.EnvelopeTypes;
import io.ponte.api.message.GenericPayload;
import io.ponte.plugins.pipedrive.fake.FakePipedrive;
import io.ponte.plugins.pipedrive.fake.PipedriveWebhooks;
import io.ponte.testkit.TestConnectorContext;
import io.ponte.testkit.TestFollowUps;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What Pipedrive's v2 events become, from the official examples. */
class WebhookEventsTest {

    @Test
    void a_created_person_becomes_contact_upserted_at_once_keyed_by_the_event_id() {
        try (FakePipedrive fake = new FakePipedrive()) {
            TestConnectorContext context = Companies.context(fake);
            List<EnvelopeDraft> drafts = Companies.open(context).webhook().orElseThrow()
                    .receive(signed(PipedriveWebhooks.fixture("person-create.json"))).envelopes();
            assertThat(drafts).singleElement().satisfies(d -> {
                assertThat(d.type()).isEqualTo(EnvelopeTypes.CONTACT_UPSERTED);
                assertThat(d.externalId()).isEqualTo("person:5359a602-6d1b-4562-a385-ccaa762bd722");
                assertThat(d.occurredAt()).isEqualTo(Instant.parse("2022-11-24T13:18:55.665Z"));
                assertThat(d.followUp()).isNull();
                Contact contact = (Contact) d.payload();
                assertThat(contact.contactId()).isEqualTo("8");
                assertThat(contact.name()).isEqualTo("Sample");
                assertThat(contact.properties()).containsEntry("orgId", "1");
            });
            assertThat(fake.requests()).as("the receiver never calls Pipedrive").isEmpty();
        }
    }

    @Test
    void a_partial_person_is_stored_as_a_notice_whose_follow_up_fetches_the_person() {
        try (FakePipedrive fake = new FakePipedrive()) {
            long id = fake.addPerson("Ana Souza", "ana@example.com", "+5511987650001");
            TestConnectorContext context = Companies.context(fake);
            PipedriveConnector connector = Companies.open(context);
            String partial = """
                    {"data":{"id":"%d","name":"Ana Souza"},"previous":{"name":"Ana"},
                     "meta":{"action":"change","entity":"person","entity_id":"%d","id":"e-1",
                             "timestamp":"2026-01-01T09:00:00.000Z","version":"2.0","attempt":1}}""".formatted(id, id);
            List<EnvelopeDraft> drafts = connector.webhook().orElseThrow().receive(signed(partial.getBytes()))
                    .envelopes();
            assertThat(drafts).singleElement().satisfies(d -> {
                assertThat(d.type()).isEqualTo(WebhookEvents.NOTICE);
                assertThat(d.followUp().resource()).isEqualTo("/persons/" + id);
            });
            List<TestFollowUps.Run> runs = TestFollowUps.run(connector, context, drafts);
            assertThat(runs.get(0).result()).isInstanceOf(ActionResult.Delivered.class);
            Contact contact = (Contact) context.emitted().stream()
                    .filter(d -> d.type().equals(EnvelopeTypes.CONTACT_UPSERTED)).findFirst().orElseThrow().payload();
            assertThat(contact.contactId()).isEqualTo(Long.toString(id));
            assertThat(contact.email()).isEqualTo("ana@example.com");
            assertThat(contact.phone()).isEqualTo("+5511987650001");
        }
    }

    @Test
    void a_deal_moved_to_won_becomes_deal_updated_with_the_previous_stage_and_the_persons_phone() {
        try (FakePipedrive fake = new FakePipedrive()) {
            long person = fake.addPerson("Ana Souza", null, "+55 (11) 98765-0001");
            TestConnectorContext context = Companies.context(fake);
            PipedriveConnector connector = Companies.open(context);
            List<EnvelopeDraft> drafts = connector.webhook().orElseThrow()
                    .receive(signed(PipedriveWebhooks.dealChange(8, person, 4, "won", 3, "open"))).envelopes();
            assertThat(fake.requests()).isEmpty();
            assertThat(drafts).singleElement().satisfies(d -> assertThat(d.type()).isEqualTo(WebhookEvents.NOTICE));

            TestFollowUps.run(connector, context, drafts);
            EnvelopeDraft deal = context.emitted().stream().filter(d -> d.type().equals(EnvelopeTypes.DEAL_UPDATED))
                    .findFirst().orElseThrow();
            JsonNode payload = ((GenericPayload) deal.payload()).data();
            assertThat(payload.get("dealId").asText()).isEqualTo("8");
            assertThat(payload.get("stage").asText()).isEqualTo("4");
            assertThat(payload.get("status").asText()).isEqualTo("won");
            assertThat(payload.get("amount").decimalValue()).isEqualByComparingTo(new BigDecimal("100"));
            assertThat(payload.get("currency").asText()).isEqualTo("EUR");
            assertThat(payload.get("contactId").asText()).isEqualTo(Long.toString(person));
            assertThat(payload.get("contactPhone").asText()).isEqualTo("+5511987650001");
            assertThat(deal.attributes()).containsEntry("previousStage", "3").containsEntry("status", "won")
                    .containsEntry("previousStatus", "open");
            assertThat(deal.externalId()).startsWith("deal:");
        }
    }

    @Test
    void the_official_deal_change_with_only_a_custom_field_changed_carries_no_previous_stage() {
        try (FakePipedrive fake = new FakePipedrive()) {
            long person = fake.addPerson("Sample Person", null, null);
            TestConnectorContext context = Companies.context(fake);
            PipedriveConnector connector = Companies.open(context);
            String body = new String(PipedriveWebhooks.fixture("deal-change.json"))
                    .replace("\"person_id\": 8", "\"person_id\": " + person);
            List<EnvelopeDraft> drafts = connector.webhook().orElseThrow().receive(signed(body.getBytes()))
                    .envelopes();
            assertThat(drafts.get(0).externalId()).isEqualTo("webhook:df47d877-b58c-4886-91cd-1aa83e1d7366");
            TestFollowUps.run(connector, context, drafts);
            EnvelopeDraft deal = context.emitted().stream().filter(d -> d.type().equals(EnvelopeTypes.DEAL_UPDATED))
                    .findFirst().orElseThrow();
            assertThat(deal.attributes()).doesNotContainKey("previousStage");
            assertThat(deal.externalId()).isEqualTo("deal:df47d877-b58c-4886-91cd-1aa83e1d7366");
            assertThat(((GenericPayload) deal.payload()).data().get("stage").asText()).isEqualTo("2");
        }
    }
}
