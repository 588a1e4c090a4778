package io.ponte.plugins.salesforce;

import static org.assertj.core.api.Assertions.assertThat;

import io.ponte.api.action.ActionResult;
import io.ponte.api.connector.Connector;
import io.ponte.plugins.salesforce.fake.FakeSalesforce;
import io.ponte.testkit.TestConnectorContext;
import io.ponte.testkit.fake.Answer;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class CrmActionsTest {

    @Test
    void upserts_a_contact_by_email_creating_it_once_and_updating_it_after() {
        try (FakeSalesforce org = Orgs.org()) {
            Connector sf = Orgs.open(Orgs.context(org));
            ActionResult first = Orgs.invoke(sf, "contact.upsert",
                    "{\"name\":\"Ana Maria Souza\",\"email\":\"ana@example.com\",\"phone\":\"+55 (11) 98765-4321\"}");
            ActionResult.Delivered created = (ActionResult.Delivered) first;
            assertThat(created.output().get("created").asBoolean()).isTrue();
            String id = created.output().get("id").asText();
            assertThat(created.externalRef()).isEqualTo(id).startsWith("003");
            assertThat(org.record(id).get("FirstName").asText()).isEqualTo("Ana Maria");
            assertThat(org.record(id).get("LastName").asText()).isEqualTo("Souza");
            assertThat(org.record(id).get("Phone").asText()).isEqualTo("+5511987654321");

            ActionResult.Delivered again = (ActionResult.Delivered) Orgs.invoke(sf, "contact.upsert",
                    "{\"email\":\"ana@example.com\",\"properties\":{\"Title\":\"CFO\"}}");
            assertThat(again.output().get("id").asText()).isEqualTo(id);
            assertThat(again.output().get("created").asBoolean()).isFalse();
            assertThat(org.records("Contact")).hasSize(1);
            assertThat(org.record(id).get("Title").asText()).isEqualTo("CFO");
            assertThat(org.requests(r -> r.method().equals("PATCH"))).singleElement()
                    .satisfies(r -> assertThat(r.path()).endsWith("/sobjects/Contact/" + id));
        }
    }

    @Test
    void finds_a_contact_by_its_normalized_phone_when_the_email_is_unknown() {
        try (FakeSalesforce org = Orgs.org()) {
            Connector sf = Orgs.open(Orgs.context(org));
            String id = ((ActionResult.Delivered) Orgs.invoke(sf, "contact.upsert",
                    "{\"name\":\"Bruno\",\"phone\":\"+55 11 3333-4444\"}")).externalRef();
            ActionResult.Delivered found = (ActionResult.Delivered) Orgs.invoke(sf, "contact.upsert",
                    "{\"email\":\"bruno@example.com\",\"phone\":\"+55-11-3333 4444\"}");
            assertThat(found.externalRef()).isEqualTo(id);
            assertThat(org.records("Contact")).hasSize(1);
            assertThat(org.record(id).get("Email").asText()).isEqualTo("bruno@example.com");
        }
    }

    @Test
    void escapes_a_quote_in_an_email_so_the_query_cannot_be_widened() {
        try (FakeSalesforce org = Orgs.org()) {
            Connector sf = Orgs.open(Orgs.context(org));
            Orgs.invoke(sf, "contact.upsert", "{\"name\":\"Other\",\"email\":\"other@example.com\"}");
            ActionResult.Delivered injected = (ActionResult.Delivered) Orgs.invoke(sf, "contact.upsert",
                    "{\"name\":\"Eve\",\"email\":\"x' OR Email != '\"}");
            assertThat(injected.output().get("created").asBoolean()).isTrue();
            assertThat(org.records("Contact")).hasSize(2);
            assertThat(org.apiCalls()).anySatisfy(r -> assertThat(r.queryParams().get("q"))
                    .contains("x\\' OR Email != \\'"));
        }
    }

    @Test
    void creates_an_opportunity_with_its_primary_contact_in_one_composite_request_with_defaults() {
        try (FakeSalesforce org = Orgs.org()) {
            TestConnectorContext context = Orgs.context(org);
            Connector sf = Orgs.open(context);
            String contact = ((ActionResult.Delivered) Orgs.invoke(sf, "contact.upsert",
                    "{\"name\":\"Carla\",\"email\":\"carla@example.com\"}")).externalRef();
            ActionResult.Delivered deal = (ActionResult.Delivered) Orgs.invoke(sf, "deal.create",
                    "{\"title\":\"Carla - plano anual\",\"amount\":\"199.90\",\"contact\":\"" + contact + "\"}");
            String id = deal.output().get("id").asText();
            assertThat(id).startsWith("006");
            var opportunity = org.record(id);
            assertThat(opportunity.get("Amount").decimalValue()).isEqualByComparingTo(new BigDecimal("199.90"));
            assertThat(opportunity.get("StageName").asText()).isEqualTo("Prospecting");
            assertThat(opportunity.get("CloseDate").asText()).isEqualTo(LocalDate.ofInstant(
                    context.clock().instant(), ZoneOffset.UTC).plusDays(30).toString());
            assertThat(org.records("OpportunityContactRole")).hasSize(1);
            var role = org.records("OpportunityContactRole").get(0);
            assertThat(role.get("OpportunityId").asText()).isEqualTo(id);
            assertThat(role.get("ContactId").asText()).isEqualTo(contact);
            assertThat(role.get("IsPrimary").asBoolean()).isTrue();
            assertThat(org.requests(r -> r.path().endsWith("/composite"))).hasSize(1);
        }
    }

    @Test
    void a_refused_subrequest_fails_the_deal_with_salesforces_message_and_creates_nothing() {
        try (FakeSalesforce org = Orgs.org()) {
            Connector sf = Orgs.open(Orgs.context(org));
            ActionResult result = Orgs.invoke(sf, "deal.create",
                    "{\"title\":\"Orphan\",\"contact\":\"003000000000000AAA\",\"closeDate\":\"\","
                            + "\"properties\":{\"CloseDate\":\"\"}}");
            assertThat(result).isInstanceOf(ActionResult.Failed.class);
            assertThat(((ActionResult.Failed) result).reason()).contains("REQUIRED_FIELD_MISSING")
                    .contains("CloseDate").doesNotContain("PROCESSING_HALTED");
            assertThat(org.records("Opportunity")).isEmpty();
        }
    }

    @Test
    void a_deal_whose_answer_was_lost_is_found_on_the_retry_instead_of_created_again() {
        try (FakeSalesforce org = Orgs.org()) {
            Connector sf = Orgs.open(Orgs.context(org));
            String contact = ((ActionResult.Delivered) Orgs.invoke(sf, "contact.upsert",
                    "{\"name\":\"Dora\",\"email\":\"dora@example.com\"}")).externalRef();
            var input = io.ponte.kit.PluginJson.schema(
                    "{\"title\":\"Dora - setup\",\"amount\":50,\"contact\":\"" + contact + "\"}");
            org.loseAnswers("/composite", 1);
            assertThat(Orgs.invoke(sf, "deal.create", input, "dlv_LOST")).isInstanceOf(ActionResult.Retry.class);
            ActionResult.Delivered retried = (ActionResult.Delivered) Orgs.invoke(sf, "deal.create", input,
                    "dlv_LOST");
            assertThat(org.records("Opportunity")).hasSize(1);
            assertThat(org.records("Opportunity").get(0).get("Id").asText()).isEqualTo(retried.externalRef());
            assertThat(org.requests(r -> r.path().endsWith("/composite"))).hasSize(1);
        }
    }

    @Test
    void a_deal_for_a_contact_given_as_an_object_upserts_it_first_once_across_lost_answers() {
        try (FakeSalesforce org = Orgs.org()) {
            Connector sf = Orgs.open(Orgs.context(org));
            String known = ((ActionResult.Delivered) Orgs.invoke(sf, "contact.upsert",
                    "{\"name\":\"Ana\",\"phone\":\"+5511987650001\"}")).externalRef();
            Orgs.invoke(sf, "deal.create", "{\"title\":\"Ana - plano\",\"contact\":{\"phone\":\"+55 11 98765-0001\"}}");
            assertThat(org.records("OpportunityContactRole").get(0).get("ContactId").asText()).as("found by phone")
                    .isEqualTo(known);

            var input = io.ponte.kit.PluginJson.schema("{\"title\":\"Eva - setup\",\"contact\":"
                    + "{\"name\":\"Eva Lima\",\"email\":\"eva@example.com\"}}");
            org.loseAnswers("/sobjects/Contact", 1);
            assertThat(Orgs.invoke(sf, "deal.create", input, "dlv_EVA")).isInstanceOf(ActionResult.Retry.class);
            org.loseAnswers("/composite", 1);
            assertThat(Orgs.invoke(sf, "deal.create", input, "dlv_EVA")).isInstanceOf(ActionResult.Retry.class);
            ActionResult.Delivered deal = (ActionResult.Delivered) Orgs.invoke(sf, "deal.create", input, "dlv_EVA");
            assertThat(org.records("Contact")).as("Ana and Eva, each once").hasSize(2);
            assertThat(org.records("Opportunity")).hasSize(2);
            String eva = org.records("Contact").stream().filter(c -> c.path("Email").asText().equals("eva@example.com"))
                    .findFirst().orElseThrow().get("Id").asText();
            assertThat(org.records("OpportunityContactRole")).anySatisfy(r -> {
                assertThat(r.get("OpportunityId").asText()).isEqualTo(deal.externalRef());
                assertThat(r.get("ContactId").asText()).isEqualTo(eva);
            });
            assertThat(Orgs.invoke(sf, "deal.create", "{\"title\":\"x\",\"contact\":[\"003\"]}"))
                    .isInstanceOfSatisfying(ActionResult.Failed.class, f -> assertThat(f.reason())
                            .contains("contact must be a Contact id or an object"));
        }
    }

    @Test
    void a_rate_limit_is_a_retry_after_salesforces_wait_and_a_bad_request_fails_with_its_message() {
        try (FakeSalesforce org = Orgs.org()) {
            Connector sf = Orgs.open(Orgs.context(org));
            Orgs.invoke(sf, "contact.upsert", "{\"name\":\"Warm\",\"email\":\"warm@example.com\"}");
            org.enqueue(FakeSalesforce.error(403, "REQUEST_LIMIT_EXCEEDED", "TotalRequests Limit exceeded.")
                    .withHeader("Retry-After", "7"));
            ActionResult limited = Orgs.invoke(sf, "deal.update", "{\"dealId\":\"006000000000001AAA\","
                    + "\"stage\":\"Closed Won\"}");
            assertThat(limited).isInstanceOfSatisfying(ActionResult.Retry.class, r -> {
                assertThat(r.after()).isEqualTo(Duration.ofSeconds(7));
                assertThat(r.reason()).contains("REQUEST_LIMIT_EXCEEDED");
            });
            org.enqueue(Answer.json(503, "[]"));
            assertThat(Orgs.invoke(sf, "deal.update", "{\"dealId\":\"006000000000001AAA\",\"amount\":1}"))
                    .isInstanceOf(ActionResult.Retry.class);
            org.enqueue(FakeSalesforce.error(400, "INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST",
                    "Stage: bad value for restricted picklist field: Won?"));
            assertThat(Orgs.invoke(sf, "deal.update", "{\"dealId\":\"006000000000001AAA\",\"stage\":\"Won?\"}"))
                    .isInstanceOfSatisfying(ActionResult.Failed.class, f -> assertThat(f.reason())
                            .contains("INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST").contains("bad value"));
        }
    }

    @Test
    void moves_a_deal_and_puts_a_note_on_it() {
        try (FakeSalesforce org = Orgs.org()) {
            Connector sf = Orgs.open(Orgs.context(org));
            String contact = ((ActionResult.Delivered) Orgs.invoke(sf, "contact.upsert",
                    "{\"name\":\"Eli\",\"email\":\"eli@example.com\"}")).externalRef();
            String deal = ((ActionResult.Delivered) Orgs.invoke(sf, "deal.create",
                    "{\"title\":\"Eli\",\"contact\":\"" + contact + "\"}")).externalRef();
            assertThat(Orgs.invoke(sf, "deal.update", "{\"dealId\":\"" + deal + "\",\"stage\":\"Negotiation\","
                    + "\"amount\":1200.5}")).isInstanceOf(ActionResult.Delivered.class);
            assertThat(org.record(deal).get("StageName").asText()).isEqualTo("Negotiation");
            assertThat(org.record(deal).get("Amount").decimalValue()).isEqualByComparingTo("1200.5");
            ActionResult.Delivered note = (ActionResult.Delivered) Orgs.invoke(sf, "note.create",
                    "{\"deal\":\"" + deal + "\",\"contact\":\"" + contact + "\",\"text\":\"Asked for a quote\\n"
                            + "by WhatsApp\"}");
            var n = org.record(note.externalRef());
            assertThat(n.get("ParentId").asText()).isEqualTo(deal);
            assertThat(n.get("Title").asText()).isEqualTo("Asked for a quote");
            assertThat(n.get("Body").asText()).isEqualTo("Asked for a quote\nby WhatsApp");
            assertThat(Orgs.invoke(sf, "note.create", "{\"text\":\"nowhere\"}"))
                    .isInstanceOf(ActionResult.Failed.class);
            assertThat(Orgs.invoke(sf, "deal.update", "{\"dealId\":\"006/../../x\",\"stage\":\"x\"}"))
                    .isInstanceOf(ActionResult.Failed.class);
            assertThat(org.records("Note")).hasSize(1);
        }
    }
}
