package io.ponte.plugins.pipedrive;

import static io.ponte.plugins.pipedrive.Companies.action;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ponte.api.action.ActionNames;
import io.ponte.api.action.ActionResult;
import io.ponte.api.connector.Health;
import io.ponte.api.conversation.HistoryEntry;
import io.ponte.api.message.ConversationKey;
import io.ponte.plugins.pipedrive.fake.FakePipedrive;
import io.ponte.testkit.TestConnectorContext;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** deal.create, deal.update and note.create against the fake company. */
class DealsAndNotesTest {

    @Test
    void creates_a_deal_with_a_decimal_value_from_a_string_and_a_stage_by_name_once_across_redeliveries() {
        try (FakePipedrive fake = new FakePipedrive()) {
            long person = fake.addPerson("Ana", null, null);
            PipedriveConnector connector = Companies.open(Companies.context(fake));
            String input = """
                    {"title":"Tênis azul","amount":"199.90","currency":"brl","stage":"proposal made","contact":"%d"}"""
                    .formatted(person);
            fake.enqueue(FakePipedrive.serverError(500));
            assertThat(connector.invoke(action(ActionNames.DEAL_CREATE, input, "dlv_D", 1)))
                    .isInstanceOf(ActionResult.Retry.class);
            ActionResult created = connector.invoke(action(ActionNames.DEAL_CREATE, input, "dlv_D", 2));
            assertThat(connector.invoke(action(ActionNames.DEAL_CREATE, input, "dlv_D", 3))).isEqualTo(created);
            assertThat(fake.deals()).hasSize(1);
            JsonNode body = fake.requests(r -> r.method().equals("POST")).get(0).bodyJson();
            assertThat(body.get("value").decimalValue()).isEqualTo(new BigDecimal("199.90"));
            assertThat(body.get("currency").asText()).isEqualTo("BRL");
            assertThat(body.get("stage_id").asLong()).isEqualTo(3);
            assertThat(body.get("person_id").asLong()).isEqualTo(person);
        }
    }

    @Test
    void creates_a_deal_for_a_contact_given_as_an_object_finding_the_person_by_phone_or_creating_one_once() {
        try (FakePipedrive fake = new FakePipedrive()) {
            long ana = fake.addPerson("Ana", null, "+55 11 98765-0001");
            PipedriveConnector connector = Companies.open(Companies.context(fake));
            connector.invoke(action(ActionNames.DEAL_CREATE,
                    "{\"title\":\"Ana's\",\"contact\":{\"phone\":\"+55 (11) 98765-0001\"}}", "dlv_A", 1));
            assertThat(fake.persons()).as("found by phone").hasSize(1);
            String bia = "{\"title\":\"Bia's\",\"contact\":{\"name\":\"Bia\",\"email\":\"bia@example.com\"}}";
            fake.enqueue(FakePipedrive.serverError(502));
            connector.invoke(action(ActionNames.DEAL_CREATE, bia, "dlv_B", 1));
            connector.invoke(action(ActionNames.DEAL_CREATE, bia, "dlv_B", 2));
            connector.invoke(action(ActionNames.DEAL_CREATE, bia, "dlv_B", 3));
            assertThat(fake.persons()).as("one person created across the retries").hasSize(2);
            assertThat(fake.deals()).hasSize(2);
            assertThat(fake.deals().values()).extracting(d -> d.get("person_id").asLong()).contains(ana)
                    .doesNotHaveDuplicates();
            assertThat(connector.invoke(action(ActionNames.DEAL_CREATE, "{\"title\":\"t\",\"contact\":[1]}")))
                    .isInstanceOfSatisfying(ActionResult.Failed.class, f -> assertThat(f.reason())
                            .contains("contact must be a person id or an object"));
        }
    }

    @Test
    void moves_a_deal_to_a_stage_id_and_fails_for_an_unknown_stage_name_or_deal() {
        try (FakePipedrive fake = new FakePipedrive()) {
            PipedriveConnector connector = Companies.open(Companies.context(fake));
            long person = fake.addPerson("Ana", null, null);
            ActionResult.Delivered deal = (ActionResult.Delivered) connector.invoke(action(ActionNames.DEAL_CREATE,
                    "{\"title\":\"t\",\"contact\":" + person + "}"));
            String id = deal.externalRef();
            assertThat(connector.invoke(action(ActionNames.DEAL_UPDATE, "{\"dealId\":\"" + id + "\",\"stage\":4,"
                    + "\"amount\":250.5}"))).isInstanceOf(ActionResult.Delivered.class);
            assertThat(fake.deals().get(Long.parseLong(id)).get("stage_id").asLong()).isEqualTo(4);
            assertThat(connector.invoke(action(ActionNames.DEAL_UPDATE, "{\"dealId\":" + id + ",\"stage\":\"Won?\"}")))
                    .isInstanceOfSatisfying(ActionResult.Failed.class, f -> assertThat(f.reason())
                            .contains("no Pipedrive stage is named 'Won?'"));
            assertThat(connector.invoke(action(ActionNames.DEAL_UPDATE, "{\"dealId\":999999,\"stage\":1}")))
                    .isInstanceOfSatisfying(ActionResult.Failed.class, f -> assertThat(f.reason())
                            .contains("404").contains("Entity was not found"));
        }
    }

    @Test
    void writes_a_note_with_a_conversations_transcript_on_the_person_with_the_conversations_phone() {
        try (FakePipedrive fake = new FakePipedrive()) {
            long person = fake.addPerson("Ana", null, "5511987650001");
            TestConnectorContext context = Companies.context(fake);
            ConversationKey chat = new ConversationKey("con_CHAT", "5511987650001");
            context.conversations().open(chat, "Ana");
            context.conversations().addText(chat, HistoryEntry.Direction.INBOUND, "Quero falar com <alguém>",
                    Companies.NOW);
            context.conversations().addText(chat, HistoryEntry.Direction.OUTBOUND, "Um atendente já vem",
                    Companies.NOW.plusSeconds(5));
            ActionResult result = Companies.open(context).invoke(action(ActionNames.NOTE_CREATE,
                    "{\"text\":\"Hand-off: asked for a person\",\"conversation\":\"con_CHAT:5511987650001\"}"));
            assertThat(result).isInstanceOf(ActionResult.Delivered.class);
            JsonNode note = fake.notes().values().iterator().next();
            assertThat(note.get("person_id").asLong()).isEqualTo(person);
            assertThat(note.get("content").asText()).contains("Hand-off: asked for a person")
                    .contains("Ana: Quero falar com &lt;alguém&gt;").contains("us: Um atendente já vem");
            assertThat(fake.requests(r -> r.path().equals("/api/v1/notes")).get(0).header("x-api-token"))
                    .isEqualTo(FakePipedrive.TOKEN);
        }
    }

    @Test
    void a_note_needs_a_person_a_deal_or_a_known_conversation() {
        try (FakePipedrive fake = new FakePipedrive()) {
            PipedriveConnector connector = Companies.open(Companies.context(fake));
            assertThat(connector.invoke(action(ActionNames.NOTE_CREATE, "{\"text\":\"x\"}")))
                    .isInstanceOf(ActionResult.Failed.class);
            assertThat(connector.invoke(action(ActionNames.NOTE_CREATE,
                    "{\"text\":\"x\",\"conversation\":\"con_OTHER:5511\"}")))
                    .isInstanceOfSatisfying(ActionResult.Failed.class, f -> assertThat(f.reason())
                            .contains("no conversation"));
            assertThat(connector.invoke(action(ActionNames.NOTE_CREATE, "{\"text\":\"x\",\"deal\":\"12\"}")))
                    .isInstanceOf(ActionResult.Delivered.class);
            assertThat(fake.notes().values().iterator().next().get("deal_id").asLong()).isEqualTo(12);
        }
    }

    @Test
    void a_refused_token_fails_and_reports_the_connection_down() {
        try (FakePipedrive fake = new FakePipedrive()) {
            TestConnectorContext context = Companies.context(fake.baseUrl(), "wrongtoken");
            PipedriveConnector connector = Companies.open(context);
            assertThat(connector.invoke(action(ActionNames.CONTACT_UPSERT, "{\"email\":\"a@b.c\"}")))
                    .isInstanceOfSatisfying(ActionResult.Failed.class, f -> assertThat(f.reason())
                            .contains("refused the API token").doesNotContain("wrongtoken"));
            assertThat(context.reportedHealth()).last().satisfies(h -> assertThat(h.status()).isEqualTo(Health.Status.DOWN));
            assertThat(connector.health().status()).isEqualTo(Health.Status.DOWN);
        }
    }
}
