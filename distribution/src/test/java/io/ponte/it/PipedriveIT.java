package io.ponte.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ponte.hub.testing.HttpSink;
import io.ponte.hub.testing.TestDatabase;
import io.ponte.hub.testing.TestHub;
import io.ponte.plugins.pipedrive.fake.FakePipedrive;
import io.ponte.plugins.pipedrive.fake.PipedriveWebhooks;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The pipedrive plugin end to end, as installed from the distribution, against the plugin's local fake of a
 * Pipedrive company: a conversation handed to a person leaves its transcript as a Pipedrive note, a deal won in
 * Pipedrive thanks the customer on their channel, forged webhooks are refused, and a storm of 429s and 5xx on
 * {@code contact.upsert} leaves one person.
 */
class PipedriveIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String USER = "pipedrive-hook";
    private static final String PASSWORD = "ponte-it-pipedrive-password-0123456789";
    private static final String CUSTOMER = "5511987650001";

    static List<TestDatabase> databases() {
        return TestDatabase.all();
    }

    @Test
    void a_conversation_handed_to_a_person_leaves_its_transcript_as_a_note_on_the_customer_in_pipedrive() {
        try (FakePipedrive pipedrive = new FakePipedrive();
             HttpSink sink = new HttpSink();
             TestHub hub = TestHub.builder().pluginsDir(Distribution.plugins()).start()) {
            long person = pipedrive.addPerson("Ana Souza", "ana@example.com", "+55 11 98765-0001");
            String crm = pipedriveConnection(hub, pipedrive);
            String chat = hub.createConnection("http", "site chat", Map.of("url", sink.url("/out")));
            String agent = hub.createConnection("rules-agent", "faq", Map.of(
                    "rules", List.of(Map.of("pattern", "pre[cç]o", "reply", "O frete é grátis acima de R$ 200.")),
                    "handoff", Map.of("pattern", "atendente", "reply", "Vou chamar um atendente.")));
            hub.createRoute("""
                    {"name":"agent answers","match":{"source":"%s","type":"message.inbound"},
                     "actions":[{"target":"%s","action":"agent.reply"}]}""".formatted(chat, agent));
            hub.createRoute("""
                    {"name":"hand-offs to the CRM","match":{"source":"%s","type":"conversation.note",
                       "condition":"'handoff' in payload.data && payload.data.handoff == 'human'"},
                     "actions":[{"target":"%s","action":"note.create",
                                 "input":{"conversation":"{{conversation}}","text":"Handed to a person: {{payload.data.reason}}"}}]}
                    """.formatted(agent, crm));

            hub.hook(chat, message("m1", "Qual o preço do frete?"));
            TestHub.await("the agent's answer", WAIT, () -> sink.count() == 1);
            hub.hook(chat, message("m2", "Quero falar com um atendente"));

            pipedrive.awaitRequests(r -> r.path().equals("/api/v1/notes"), 1, WAIT);
            TestHub.await("the note delivered", WAIT, () -> hub.deliveries("connection=" + crm
                    + "&status=delivered").size() == 1);
            assertThat(pipedrive.notes()).hasSize(1);
            JsonNode note = pipedrive.notes().values().iterator().next();
            assertThat(note.get("person_id").asLong()).as("the person with the conversation's phone").isEqualTo(person);
            assertThat(note.get("content").asText()).contains("Handed to a person")
                    .contains("Ana: Qual o preço do frete?")
                    .contains("us: O frete é grátis acima de R$ 200.")
                    .contains("Ana: Quero falar com um atendente");
            assertThat(pipedrive.persons()).as("no person created for the note").hasSize(1);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void a_deal_won_in_pipedrive_thanks_the_customer_once_on_their_channel(TestDatabase db) {
        try (FakePipedrive pipedrive = new FakePipedrive();
             HttpSink sink = new HttpSink();
             TestHub hub = TestHub.builder().database(db).pluginsDir(Distribution.plugins()).start()) {
            long person = pipedrive.addPerson("Ana Souza", null, "+55 (11) 98765-0001");
            String crm = pipedriveConnection(hub, pipedrive);
            String chat = hub.createConnection("http", "customer channel", Map.of("url", sink.url("/out")));
            hub.createRoute("""
                    {"name":"thank won deals","match":{"source":"%s","type":"deal.updated",
                       "condition":"attributes.status == 'won' && 'previousStatus' in attributes && attributes.previousStatus != 'won'"},
                     "actions":[{"target":"%s","action":"message.send",
                                 "input":{"to":"{{payload.data.contactPhone}}","text":"Obrigado, {{payload.data.contactName}}! Seu pedido {{payload.data.title}} está confirmado."}}]}
                    """.formatted(crm, chat));

            byte[] moved = PipedriveWebhooks.dealChange(8, person, 2, "open", 1, "open");
            byte[] won = PipedriveWebhooks.dealChange(8, person, 2, "won", 2, "open");
            assertThat(signedHook(hub, crm, moved).status()).isEqualTo(200);
            assertThat(signedHook(hub, crm, won).status()).isEqualTo(200);
            assertThat(signedHook(hub, crm, won).status()).as("Pipedrive's retry of the same event").isEqualTo(200);

            TestHub.await("the thank-you", WAIT, () -> sink.count() == 1);
            TestHub.await("both deal changes stored", WAIT,
                    () -> hub.events("connection=" + crm + "&type=deal.updated").size() == 2);
            JsonNode thanks = sink.received().get(0).json();
            assertThat(thanks.get("to").asText()).isEqualTo("+" + CUSTOMER);
            assertThat(thanks.get("text").asText()).isEqualTo("Obrigado, Ana Souza! Seu pedido Sample Org deal está "
                    + "confirmado.");
            JsonNode stageMove = hub.events("connection=" + crm + "&type=deal.updated").stream()
                    .map(e -> e.get("envelope")).filter(e -> e.at("/attributes/status").asText().equals("open"))
                    .findFirst().orElseThrow();
            assertThat(stageMove.at("/attributes/previousStage").asText()).isEqualTo("1");
            assertThat(sink.count()).as("one thank-you despite the repeated webhook").isEqualTo(1);
        }
    }

    @Test
    void forged_webhooks_are_refused_with_401_and_store_nothing() {
        try (FakePipedrive pipedrive = new FakePipedrive();
             TestHub hub = TestHub.builder().pluginsDir(Distribution.plugins()).start()) {
            String crm = pipedriveConnection(hub, pipedrive);
            String body = new String(PipedriveWebhooks.fixture("person-create.json"), StandardCharsets.UTF_8);
            assertThat(hub.hook(crm, body).status()).isEqualTo(401);
            assertThat(hub.hook(crm, body, "Authorization", PipedriveWebhooks.basic(USER, "guessed")).status())
                    .isEqualTo(401);
            assertThat(hub.hook(crm, body, "Authorization", PipedriveWebhooks.basic("admin", PASSWORD)).status())
                    .isEqualTo(401);
            assertThat(hub.events("connection=" + crm)).isEmpty();

            assertThat(hub.hook(crm, body, "Authorization", PipedriveWebhooks.basic(USER, PASSWORD)).status())
                    .isEqualTo(200);
            JsonNode stored = hub.events("connection=" + crm).get(0).get("envelope");
            assertThat(stored.get("type").asText()).isEqualTo("contact.upserted");
            assertThat(stored.at("/payload/contactId").asText()).isEqualTo("8");
            assertThat(pipedrive.requests()).as("the receiver never calls Pipedrive").isEmpty();
        }
    }

    @Test
    void a_storm_of_429s_and_5xx_on_contact_upsert_leaves_one_person() {
        try (FakePipedrive pipedrive = new FakePipedrive();
             TestHub hub = TestHub.builder().pluginsDir(Distribution.plugins()).start()) {
            String crm = pipedriveConnection(hub, pipedrive);
            String leads = hub.createConnection("http", "lead form", Map.of());
            hub.createRoute("""
                    {"name":"leads to the CRM","match":{"source":"%s","type":"message.inbound"},
                     "actions":[{"target":"%s","action":"contact.upsert",
                                 "input":{"name":"{{payload.from.name}}","phone":"{{payload.from.address}}"}}]}
                    """.formatted(leads, crm));
            pipedrive.enqueue(FakePipedrive.rateLimited(1));
            pipedrive.enqueue(FakePipedrive.serverError(502));
            pipedrive.enqueue(FakePipedrive.rateLimited(1));
            pipedrive.enqueue(FakePipedrive.serverError(500));

            assertThat(hub.hook(leads, message("lead-1", "quero um orçamento")).status()).isEqualTo(200);
            assertThat(hub.hook(leads, message("lead-1", "quero um orçamento")).status()).isEqualTo(200);

            TestHub.await("the upsert delivered", WAIT, () -> hub.deliveries("connection=" + crm
                    + "&status=delivered").size() == 1);
            JsonNode delivery = hub.deliveries("connection=" + crm).get(0);
            assertThat(delivery.get("attempts").asInt()).isEqualTo(5);
            assertThat(pipedrive.persons()).as("one person whatever the retries").hasSize(1);
            JsonNode ana = pipedrive.persons().values().iterator().next();
            assertThat(ana.get("name").asText()).isEqualTo("Ana");
            assertThat(ana.at("/phones/0/value").asText()).isEqualTo(CUSTOMER);
        }
    }

    private static String message(String id, String text) {
        return "{\"id\":\"%s\",\"from\":\"%s\",\"name\":\"Ana\",\"text\":\"%s\"}".formatted(id, CUSTOMER, text);
    }

    private static TestHub.Response signedHook(TestHub hub, String connection, byte[] body) {
        return hub.hook(connection, new String(body, StandardCharsets.UTF_8), "Authorization",
                PipedriveWebhooks.basic(USER, PASSWORD));
    }

    /** A pipedrive connection at the fake, retrying after a second, its circuit probing again after a second. */
    private static String pipedriveConnection(TestHub hub, FakePipedrive pipedrive) {
        ObjectNode body = (ObjectNode) TestHub.parse("""
                {"connector":"pipedrive","name":"sales CRM",
                 "delivery":{"retrySchedule":["1s","1s","1s","1s","1s","1s"],"timeoutSeconds":10,
                             "breaker":{"openSeconds":1}}}""");
        body.putObject("config").put("apiToken", FakePipedrive.TOKEN).put("companyDomain", "acme")
                .put("webhookUser", USER).put("webhookPassword", PASSWORD).put("apiBaseUrl", pipedrive.baseUrl())
                .put("timeoutSeconds", 5);
        TestHub.Response r = hub.post("/api/v1/connections", body);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("id").asText();
    }
}
