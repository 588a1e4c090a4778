package io.ponte.plugins.rdstationcrm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ponte.api.action.ActionNames;
import io.ponte.api.action.ActionRequest;
import io.ponte.api.action.ActionResult;
import io.ponte.api.connector.Connector;
import io.ponte.kit.PluginJson;
import io.ponte.plugins.rdstationcrm.fake.FakeRdStationCrm;
import io.ponte.testkit.TestConnectorContext;
import io.ponte.testkit.fake.Answer;
import io.ponte.testkit.fake.Recorded;
import io.ponte.api.connector.Health;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The four CRM actions against the fake RD Station CRM API v1. */
class CrmActionsTest {

    private FakeRdStationCrm crm;
    private TestConnectorContext context;
    private Connector connector;

    @BeforeEach
    void open() {
        crm = new FakeRdStationCrm();
        context = TestConnectorContext.of(new RdStationCrmConnectorFactory(),
                PluginJson.mapper().valueToTree(crm.config()).toString());
        connector = new RdStationCrmConnectorFactory().open(context);
    }

    @AfterEach
    void close() {
        connector.close();
        crm.close();
    }

    private ActionResult invoke(String action, String input, String deliveryId) {
        try {
            return connector.invoke(new ActionRequest(action, PluginJson.mapper().readTree(input), null,
                    deliveryId, 1));
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private static JsonNode output(ActionResult result) {
        assertThat(result).isInstanceOf(ActionResult.Delivered.class);
        return ((ActionResult.Delivered) result).output();
    }

    @Test
    void upserts_a_new_contact_then_finds_it_again_by_its_normalized_phone() {
        JsonNode first = output(invoke(ActionNames.CONTACT_UPSERT,
                "{\"name\":\"Ana\",\"phone\":\"+55 (11) 98765-0001\"}", "dlv_1"));
        assertThat(first.get("created").asBoolean()).isTrue();
        Recorded post = crm.requests(r -> r.method().equals("POST")).get(0);
        assertThat(post.path()).isEqualTo("/api/v1/contacts");
        assertThat(post.queryParams()).containsEntry("token", FakeRdStationCrm.TOKEN);
        assertThat(post.bodyJson().at("/contact/phones/0/phone").asText()).isEqualTo("+5511987650001");

        JsonNode second = output(invoke(ActionNames.CONTACT_UPSERT,
                "{\"email\":\"ana@example.com\",\"phone\":\"+5511987650001\"}", "dlv_2"));
        assertThat(second.get("created").asBoolean()).isFalse();
        assertThat(second.get("id").asText()).isEqualTo(first.get("id").asText());
        assertThat(crm.contacts()).hasSize(1);
        assertThat(crm.contacts().get(0).at("/emails/0/email").asText()).isEqualTo("ana@example.com");
        assertThat(crm.contacts().get(0).get("name").asText()).as("kept").isEqualTo("Ana");
    }

    @Test
    void refuses_a_contact_with_neither_email_nor_phone() {
        assertThat(invoke(ActionNames.CONTACT_UPSERT, "{\"name\":\"Ana\"}", "dlv_1"))
                .isInstanceOf(ActionResult.Failed.class);
        assertThat(crm.requests()).isEmpty();
    }

    @Test
    void creates_a_deal_for_a_contact_object_with_its_stage_by_name_and_a_string_amount() {
        JsonNode out = output(invoke(ActionNames.DEAL_CREATE, """
                {"title":"Pedido 42","amount":"199.90","currency":"BRL","stage":"ganho",
                 "contact":{"name":"Ana","email":"ana@example.com"}}""", "dlv_1"));
        JsonNode deal = crm.deals().get(0);
        assertThat(out.get("id").asText()).isEqualTo(deal.get("id").asText());
        assertThat(deal.get("name").asText()).isEqualTo("Pedido 42");
        assertThat(deal.get("amount_total").decimalValue()).isEqualByComparingTo("199.90");
        assertThat(deal.at("/deal_stage/id").asText()).isEqualTo(FakeRdStationCrm.STAGE_WON);
        assertThat(deal.at("/contacts/0/id").asText()).isEqualTo(crm.contacts().get(0).get("id").asText());
    }

    @Test
    void a_retried_deal_create_through_a_storm_of_429_and_5xx_makes_one_contact_and_one_deal() {
        String input = """
                {"title":"Pedido 43","amount":10,"contact":{"name":"Bia","phone":"11 91234-5678"}}""";
        crm.enqueue(Answer.json(429, "{\"errors\":\"Too Many Requests\"}").withHeader("Retry-After", "7"));
        ActionResult first = invoke(ActionNames.DEAL_CREATE, input, "dlv_storm");
        assertThat(first).isInstanceOf(ActionResult.Retry.class);
        assertThat(((ActionResult.Retry) first).after()).hasSeconds(7);
        for (int status : new int[]{500, 502, 503}) {
            crm.enqueue(Answer.json(status, "{\"error\":\"Internal Server Error\"}"));
            ActionResult r = invoke(ActionNames.DEAL_CREATE, input, "dlv_storm");
            if (r instanceof ActionResult.Delivered) {
                break;
            }
            assertThat(r).isInstanceOf(ActionResult.Retry.class);
        }
        ActionResult done = invoke(ActionNames.DEAL_CREATE, input, "dlv_storm");
        ActionResult again = invoke(ActionNames.DEAL_CREATE, input, "dlv_storm");
        assertThat(output(again).get("id")).isEqualTo(output(done).get("id"));
        assertThat(crm.contacts()).hasSize(1);
        assertThat(crm.deals()).hasSize(1);
    }

    @Test
    void a_deal_created_whose_answer_was_lost_is_found_by_name_on_the_retry() {
        String input = """
                {"title":"Pedido 44","contact":{"email":"caio@example.com"}}""";
        assertThat(invoke(ActionNames.DEAL_CREATE, input, "dlv_lost")).isInstanceOf(ActionResult.Delivered.class);
        context.state().put("deal:dlv_lost", "pending");
        JsonNode out = output(invoke(ActionNames.DEAL_CREATE, input, "dlv_lost"));
        assertThat(crm.deals()).hasSize(1);
        assertThat(out.get("id").asText()).isEqualTo(crm.deals().get(0).get("id").asText());
    }

    @Test
    void moves_a_deal_with_the_stage_at_the_top_level_of_the_body() {
        String dealId = output(invoke(ActionNames.DEAL_CREATE,
                "{\"title\":\"Pedido 45\",\"contact\":{\"email\":\"d@example.com\"}}", "dlv_1")).get("id").asText();
        output(invoke(ActionNames.DEAL_UPDATE, "{\"dealId\":\"" + dealId + "\",\"stage\":\""
                + FakeRdStationCrm.STAGE_WON + "\",\"amount\":\"250.00\"}", "dlv_2"));
        Recorded put = crm.requests(r -> r.method().equals("PUT")).get(0);
        assertThat(put.bodyJson().get("deal_stage_id").asText()).isEqualTo(FakeRdStationCrm.STAGE_WON);
        assertThat(put.bodyJson().at("/deal/deal_stage_id").isMissingNode()).isTrue();
        assertThat(crm.deals().get(0).at("/deal_stage/name").asText()).isEqualTo("Ganho");
    }

    @Test
    void a_note_for_a_contact_alone_goes_on_its_latest_deal_and_one_without_deals_is_refused() {
        String dealId = output(invoke(ActionNames.DEAL_CREATE,
                "{\"title\":\"Pedido 46\",\"contact\":{\"email\":\"e@example.com\"}}", "dlv_1")).get("id").asText();
        String contactId = crm.contacts().get(0).get("id").asText();
        output(invoke(ActionNames.NOTE_CREATE, "{\"contact\":\"" + contactId + "\",\"text\":\"Pago\"}", "dlv_2"));
        output(invoke(ActionNames.NOTE_CREATE, "{\"contact\":\"" + contactId + "\",\"text\":\"Pago\"}", "dlv_2"));
        assertThat(crm.activities()).as("once per delivery").hasSize(1);
        assertThat(crm.activities().get(0).get("deal_id").asText()).isEqualTo(dealId);

        String lonely = crm.putContact("Sem Negócio", "f@example.com", null);
        ActionResult refused = invoke(ActionNames.NOTE_CREATE, "{\"contact\":\"" + lonely + "\",\"text\":\"x\"}",
                "dlv_3");
        assertThat(refused).isInstanceOf(ActionResult.Failed.class);
        assertThat(((ActionResult.Failed) refused).reason()).contains("notes on deals only");
    }

    @Test
    void a_refused_token_fails_reports_the_connection_down_and_never_names_the_token() {
        crm.enqueue(Answer.json(401, "{\"errors\":\"Você precisa estar autenticado para continuar.\"}"));
        ActionResult r = invoke(ActionNames.CONTACT_UPSERT, "{\"email\":\"g@example.com\"}", "dlv_1");
        assertThat(r).isInstanceOf(ActionResult.Failed.class);
        assertThat(((ActionResult.Failed) r).reason()).contains("401").doesNotContain(FakeRdStationCrm.TOKEN);
        assertThat(context.reportedHealth()).last().extracting(Health::status).isEqualTo(Health.Status.DOWN);
        assertThat(connector.toString()).doesNotContain(FakeRdStationCrm.TOKEN);
    }
}
