package io.ponte.plugins.hubspot;

import static org.assertj.core.api.Assertions.assertThat;

import io.ponte.api.action.ActionResult;
import io.ponte.api.connector.Connector;
import io.ponte.plugins.hubspot.fake.FakeHubSpot;
import io.ponte.testkit.TestConnectorContext;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** deal.create, deal.update and note.create against the fake. */
class DealsAndNotesTest {

    private final FakeHubSpot hubspot = new FakeHubSpot();
    private final TestConnectorContext context = Accounts.context(hubspot);
    private final Connector connector = Accounts.open(context);

    @AfterEach
    void stop() {
        hubspot.close();
    }

    private String id(ActionResult result) {
        assertThat(result).isInstanceOf(ActionResult.Delivered.class);
        return ((ActionResult.Delivered) result).externalRef();
    }

    @Test
    void creates_a_deal_on_a_contact_id_with_the_default_stage_and_pipeline_and_an_exact_amount() {
        String contact = hubspot.putContact(Map.of("email", "ana@example.com"));

        String deal = id(Accounts.invoke(connector, "deal.create", """
                {"title":"Apartamento Moema","amount":"199.90","currency":"BRL","contact":"%s",
                 "properties":{"lead_score":80}}""".formatted(contact), "dlv_1"));

        FakeHubSpot.Stored stored = hubspot.deals().get(0);
        assertThat(stored.id()).isEqualTo(deal);
        assertThat(stored.properties().get("dealname").asText()).isEqualTo("Apartamento Moema");
        assertThat(stored.properties().get("amount").asText()).isEqualTo("199.90");
        assertThat(stored.properties().get("deal_currency_code").asText()).isEqualTo("BRL");
        assertThat(stored.properties().get("dealstage").asText()).isEqualTo("appointmentscheduled");
        assertThat(stored.properties().get("pipeline").asText()).isEqualTo("default");
        assertThat(stored.properties().get("lead_score").asText()).isEqualTo("80");
        assertThat(stored.associations()).isEqualTo(Map.of("contacts", List.of(contact)));
        assertThat(hubspot.requests(r -> r.path().equals("/crm/v3/objects/deals")).get(0).bodyJson()
                .at("/associations/0/types/0/associationTypeId").asInt()).isEqualTo(3);
    }

    @Test
    void a_deal_for_a_contact_object_upserts_the_contact_first_and_a_retry_creates_nothing_twice() {
        String existing = hubspot.putContact(Map.of("phone", "5511987650001"));
        String input = """
                {"title":"Lead Ana","amount":1500,"contact":{"phone":"5511987650001","name":"Ana"}}""";

        String deal = id(Accounts.invoke(connector, "deal.create", input, "dlv_1"));
        hubspot.serverErrorNext(1, 503);
        String again = id(Accounts.invoke(connector, "deal.create", input, "dlv_1"));

        assertThat(again).isEqualTo(deal);
        assertThat(hubspot.contacts()).hasSize(1);
        assertThat(hubspot.deals()).singleElement().satisfies(d ->
                assertThat(d.associations().get("contacts")).containsExactly(existing));
        assertThat(hubspot.contacts().get(0).properties().get("firstname").asText()).isEqualTo("Ana");
    }

    @Test
    void refuses_a_deal_without_title_or_contact_and_a_contact_that_is_no_id() {
        assertThat(Accounts.invoke(connector, "deal.create", "{\"contact\":\"501\"}", "d1"))
                .isInstanceOf(ActionResult.Failed.class);
        assertThat(Accounts.invoke(connector, "deal.create", "{\"title\":\"x\"}", "d2"))
                .isInstanceOf(ActionResult.Failed.class);
        assertThat(Accounts.invoke(connector, "deal.create", "{\"title\":\"x\",\"contact\":\"../owners\"}", "d3"))
                .isInstanceOfSatisfying(ActionResult.Failed.class, f -> assertThat(f.reason()).contains("digits"));
        assertThat(hubspot.requests()).isEmpty();
    }

    @Test
    void moves_a_deal_along_and_writes_notes_on_the_contact_and_the_deal() {
        String contact = hubspot.putContact(Map.of("email", "ana@example.com"));
        String deal = id(Accounts.invoke(connector, "deal.create",
                "{\"title\":\"Lead\",\"contact\":\"" + contact + "\"}", "d1"));

        id(Accounts.invoke(connector, "deal.update", """
                {"dealId":"%s","stage":"closedwon","amount":"2500.5"}""".formatted(deal), "d2"));
        String note = id(Accounts.invoke(connector, "note.create", """
                {"contact":"%s","deal":"%s","text":"Ligou às 10h"}""".formatted(contact, deal), "d3"));
        id(Accounts.invoke(connector, "note.create", """
                {"contact":"%s","deal":"%s","text":"Ligou às 10h"}""".formatted(contact, deal), "d3"));

        assertThat(hubspot.deals().get(0).properties().get("dealstage").asText()).isEqualTo("closedwon");
        assertThat(hubspot.deals().get(0).properties().get("amount").asText()).isEqualTo("2500.5");
        assertThat(hubspot.notes()).as("the retry answers the note it made").singleElement().satisfies(n -> {
            assertThat(n.id()).isEqualTo(note);
            assertThat(n.properties().get("hs_note_body").asText()).isEqualTo("Ligou às 10h");
            assertThat(n.properties().get("hs_timestamp").asText()).isEqualTo("2026-01-01T10:00:00Z");
            assertThat(n.associations()).isEqualTo(Map.of("contacts", List.of(contact), "deals", List.of(deal)));
        });
        assertThat(Accounts.invoke(connector, "note.create", "{\"text\":\"orphan\"}", "d4"))
                .isInstanceOf(ActionResult.Failed.class);
        assertThat(Accounts.invoke(connector, "deal.update", "{\"dealId\":\"" + deal + "\"}", "d5"))
                .isInstanceOf(ActionResult.Failed.class);
    }
}
