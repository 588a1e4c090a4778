package io.ponte.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ponte.hub.testing.HttpSink;
import io.ponte.hub.testing.TestDatabase;
import io.ponte.hub.testing.TestHub;
import io.ponte.plugins.hubspot.fake.FakeHubSpot;
import io.ponte.plugins.openai.fake.FakeChatCompletions;
import io.ponte.plugins.telegram.fake.FakeBotApi;
import io.ponte.plugins.whatsapp.fake.FakeGraphApi;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The hubspot plugin end to end, as installed from the distribution: a lead the OpenAI agent qualifies on a site
 * chat becomes a HubSpot contact and a deal carrying its temperature and score; the same person qualified again on
 * another chat finds the same contact; forged and stale webhooks are refused and a signed one comes back as
 * {@code contact.upserted} once the object is fetched; a storm of 429s and 5xx is retried into exactly one contact
 * and one deal; a WhatsApp lead who later writes on Telegram with the same phone is one hub contact, and the route
 * reads the HubSpot id the hub learned instead of upserting again. HubSpot, the model, the Graph API and the Bot API
 * are the plugins' local fakes.
 */
class HubSpotIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String PUBLIC_URL = "https://hub.example.com";
    private static final String PHONE = "5511987650001";

    static List<TestDatabase> databases() {
        return TestDatabase.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void a_qualified_lead_becomes_one_contact_and_a_deal_per_lead_with_its_temperature_and_score(TestDatabase db) {
        try (FakeHubSpot hubspot = new FakeHubSpot(); FakeChatCompletions openai = new FakeChatCompletions();
             HttpSink sink = new HttpSink();
             TestHub hub = TestHub.builder().database(db).pluginsDir(Distribution.plugins()).start()) {
            Setup s = setup(hub, hubspot, openai, sink);

            qualify(hub, openai, s.chat(), "m1");
            TestHub.await("the first deal", WAIT, () -> hubspot.deals().size() == 1);
            FakeHubSpot.Stored contact = hubspot.contacts().get(0);
            assertThat(contact.properties().get("phone").asText()).isEqualTo(PHONE);
            assertThat(contact.properties().get("firstname").asText()).isEqualTo("Ana");
            FakeHubSpot.Stored deal = hubspot.deals().get(0);
            assertThat(deal.properties().get("dealname").asText()).isEqualTo("Lead Ana (apartamento)");
            assertThat(deal.properties().get("lead_temperature").asText()).isEqualTo("hot");
            assertThat(deal.properties().get("lead_score").asText()).isEqualTo("100");
            assertThat(deal.properties().get("dealstage").asText()).isEqualTo("appointmentscheduled");
            assertThat(deal.associations().get("contacts")).containsExactly(contact.id());

            // the same person, qualified again on another chat: the same HubSpot contact
            qualify(hub, openai, s.otherChat(), "m2");
            TestHub.await("the second deal", WAIT, () -> hubspot.deals().size() == 2);
            assertThat(hubspot.contacts()).as("no second contact").hasSize(1);
            assertThat(hubspot.deals().get(1).associations().get("contacts")).containsExactly(contact.id());
            TestHub.await("every delivery done", WAIT, () -> hub.deliveries("connection=" + s.hubspot()
                    + "&status=delivered").size() == 4);
            assertThat(hubspot.requests(r -> r.method().equals("POST") && r.path().equals("/crm/v3/objects/contacts")))
                    .as("one create; every other upsert found the contact by phone").hasSize(1);
        }
    }

    @Test
    void a_whatsapp_lead_writing_later_on_telegram_with_the_same_phone_is_one_contact_with_one_hubspot_id()
            throws Exception {
        String phoneNumberId = "106540352242922";
        String waToken = "EAAGponteTestAccessToken0123456789";
        String tgSecret = "ponte-it-tg-secret_42-0123456789abcdef";
        long telegramUser = 5011223344L;
        try (FakeHubSpot hubspot = new FakeHubSpot(); FakeChatCompletions openai = new FakeChatCompletions();
             FakeGraphApi graph = new FakeGraphApi(phoneNumberId, waToken).start();
             FakeBotApi bot = new FakeBotApi().start();
             TestHub hub = TestHub.builder().pluginsDir(Distribution.plugins()).start()) {
            String wa = hub.createConnection("whatsapp-cloud", "shop number", Map.of("phoneNumberId", phoneNumberId,
                    "accessToken", waToken, "appSecret", ChannelsIT.APP_SECRET, "verifyToken", "ponte-it-verify",
                    "apiBaseUrl", graph.baseUrl()));
            String tg = hub.createConnection("telegram", "shop bot", Map.of("botToken", bot.token(),
                    "secretToken", tgSecret, "apiBaseUrl", bot.baseUrl()));
            String agent = qualifyingAgent(hub, openai);
            String hs = hubspotConnection(hub, hubspot);
            hub.createRoute("""
                    {"name":"whatsapp to agent","match":{"source":"%s","type":"message.inbound"},
                     "actions":[{"target":"%s","action":"agent.reply"}]}""".formatted(wa, agent));
            // the hub's contact knows the E.164 phone WhatsApp vouched for, whatever the agent's lead says
            leadsToHubSpot(hub, agent, hs, "contact.phone");
            // on Telegram: a person the CRM knows gets a note on their HubSpot contact; anyone else is upserted
            hub.createRoute("""
                    {"name":"known people on telegram","match":{"source":"%s","type":"message.inbound",
                       "condition":"has(contact.crm.hubspot)"},
                     "actions":[{"target":"%s","action":"note.create",
                                 "input":{"contact":"{{contact.crm.hubspot}}","text":"Wrote on Telegram (hub contact {{contact.id}})"}}]}
                    """.formatted(tg, hs));
            hub.createRoute("""
                    {"name":"new people on telegram","match":{"source":"%s","type":"message.inbound",
                       "condition":"!has(contact.crm.hubspot)"},
                     "actions":[{"target":"%s","action":"contact.upsert",
                                 "input":{"name":"{{payload.from.name}}","phone":"{{contact.phone}}"}}]}
                    """.formatted(tg, hs));

            openai.enqueue(FakeChatCompletions.Answer.toolCall("c-wa", "lead_record",
                            "{\"field\":\"interest\",\"value\":\"apartamento\"}"),
                    FakeChatCompletions.Answer.text("Ótimo!"));
            assertThat(ChannelsIT.postWhatsApp(hub, wa, FakeGraphApi.textMessageWebhook(phoneNumberId, PHONE, "Ana",
                    "wamid.LEAD-1", "quero um apartamento", 1_767_261_600L)).status()).isEqualTo(200);
            TestHub.await("the contact and the deal in HubSpot", WAIT, () -> hub.deliveries("connection=" + hs
                    + "&status=delivered").size() == 2);
            assertThat(hubspot.contacts()).hasSize(1);
            String hubspotId = hubspot.contacts().get(0).id();
            assertThat(hubspot.contacts().get(0).properties().get("phone").asText()).isEqualTo("+" + PHONE);
            FakeHubSpot.Stored deal = hubspot.deals().get(0);
            assertThat(deal.properties().get("lead_temperature").asText()).isEqualTo("hot");
            assertThat(deal.properties().get("lead_score").asText()).isEqualTo("100");
            assertThat(deal.associations().get("contacts")).containsExactly(hubspotId);

            // later, on Telegram, the same person shares their own number
            ObjectNode update = (ObjectNode) TestHub.parse(FakeBotApi.textUpdate(900301L, telegramUser, "Ana", "x"));
            ObjectNode message = (ObjectNode) update.get("message");
            message.remove("text");
            message.putObject("contact").put("phone_number", "+55 11 98765-0001").put("first_name", "Ana")
                    .put("user_id", telegramUser);
            assertThat(hub.hook(tg, update.toString(), FakeBotApi.SECRET_HEADER, tgSecret).status()).isEqualTo(200);
            TestHub.await("the note on the known contact", WAIT, () -> hubspot.notes().size() == 1);
            assertThat(hubspot.notes().get(0).associations().get("contacts")).containsExactly(hubspotId);
            assertThat(hubspot.contacts()).as("no second HubSpot contact").hasSize(1);
            assertThat(hub.deliveries("connection=" + hs)).as("the route used the known id: no second upsert")
                    .filteredOn(d -> d.get("action").asText().equals("contact.upsert")).hasSize(1);

            JsonNode contacts = hub.get("/api/v1/contacts").json().get("items");
            assertThat(contacts).as("one hub contact").hasSize(1);
            JsonNode contact = hub.get("/api/v1/contacts/" + contacts.get(0).get("id").asText()).json();
            assertThat(contact.get("identities")).extracting(JsonNode::asText).contains("whatsapp-cloud:" + PHONE,
                    "telegram:" + telegramUser, "phone:+" + PHONE, "hubspot:" + hubspotId);
            assertThat(contact.get("conversations")).extracting(c -> c.get("key").asText())
                    .containsExactlyInAnyOrder(wa + ":" + PHONE, tg + ":" + telegramUser);
            assertThat(hubspot.notes().get(0).properties().get("hs_note_body").asText())
                    .contains(contact.get("id").asText());
        }
    }

    @Test
    void forged_and_stale_webhooks_are_refused_and_a_signed_change_becomes_contact_upserted() {
        try (FakeHubSpot hubspot = new FakeHubSpot();
             TestHub hub = TestHub.builder().pluginsDir(Distribution.plugins()).env("PONTE_PUBLIC_URL", PUBLIC_URL)
                     .start()) {
            String hs = hubspotConnection(hub, hubspot);
            String id = hubspot.putContact(Map.of("email", "jane@example.com", "firstname", "Jane",
                    "lastname", "Doe", "phone", PHONE));
            String url = PUBLIC_URL + "/hooks/" + hs;
            String body = FakeHubSpot.event(4001, "contact.propertyChange", id, "firstname", "Jane");
            Instant now = Instant.now();

            FakeHubSpot.Signed forged = FakeHubSpot.signed("not-the-client-secret", url, body, now);
            FakeHubSpot.Signed stale = FakeHubSpot.signed(url, body, now.minus(Duration.ofMinutes(6)));
            assertThat(hub.hook(hs, body, forged.headers()).status()).isEqualTo(401);
            assertThat(hub.hook(hs, body, stale.headers()).status()).isEqualTo(401);
            assertThat(hub.hook(hs, body).status()).isEqualTo(401);
            assertThat(hub.events("connection=" + hs)).as("nothing stored").isEmpty();

            FakeHubSpot.Signed signed = FakeHubSpot.signed(url, body, now);
            assertThat(hub.hook(hs, body, signed.headers()).status()).isEqualTo(200);
            assertThat(hub.hook(hs, body, signed.headers()).status()).as("HubSpot's retry").isEqualTo(200);
            TestHub.await("contact.upserted", WAIT, () -> hub.events("connection=" + hs
                    + "&type=contact.upserted").size() == 1);
            JsonNode upserted = hub.events("connection=" + hs + "&type=contact.upserted").get(0).get("envelope");
            assertThat(upserted.at("/payload/contactId").asText()).isEqualTo(id);
            assertThat(upserted.at("/payload/name").asText()).isEqualTo("Jane Doe");
            assertThat(upserted.at("/payload/email").asText()).isEqualTo("jane@example.com");
            assertThat(upserted.at("/payload/phone").asText()).isEqualTo(PHONE);
            assertThat(hub.events("connection=" + hs + "&type=hubspot.event")).as("the event stored once").hasSize(1);
            assertThat(hubspot.requests(r -> r.path().equals("/crm/v3/objects/contacts/" + id))).hasSize(1);
        }
    }

    @Test
    void a_storm_of_429s_and_5xx_is_retried_into_exactly_one_contact_and_one_deal() {
        try (FakeHubSpot hubspot = new FakeHubSpot(); FakeChatCompletions openai = new FakeChatCompletions();
             HttpSink sink = new HttpSink();
             TestHub hub = TestHub.builder().pluginsDir(Distribution.plugins()).start()) {
            Setup s = setup(hub, hubspot, openai, sink);
            hubspot.rateLimitNext(2, 200);
            hubspot.serverErrorNext(1, 502);
            hubspot.serverErrorNext(1, 500);
            hubspot.rateLimitNext(1, 200);
            hubspot.serverErrorNext(1, 503);

            qualify(hub, openai, s.chat(), "m1");
            TestHub.await("both actions delivered", WAIT, () -> hub.deliveries("connection=" + s.hubspot()
                    + "&status=delivered").size() == 2);
            assertThat(hubspot.contacts()).hasSize(1);
            assertThat(hubspot.deals()).singleElement().satisfies(d ->
                    assertThat(d.associations().get("contacts")).containsExactly(hubspot.contacts().get(0).id()));
            assertThat(hubspot.requests(r -> true).size()).as("the storm was met").isGreaterThan(6);
        }
    }

    /** Two site chats answered by one qualifying agent, whose leads go to HubSpot. */
    private record Setup(String chat, String otherChat, String hubspot) {
    }

    /** An OpenAI agent that qualifies a lead once it knows what they want (one required field, weight 100). */
    private static String qualifyingAgent(TestHub hub, FakeChatCompletions openai) {
        return hub.createConnection("openai-agent", "sdr", Map.of("apiKey", openai.apiKey(),
                "baseUrl", openai.baseUrl(), "model", "gpt-4o-mini", "systemPrompt", "Você qualifica leads.",
                "qualification", Map.of("fields", List.of(Map.of("name", "interest", "description",
                        "what they want", "weight", 100, "required", true)), "closingMessage", "Obrigado!")));
    }

    private static Setup setup(TestHub hub, FakeHubSpot hubspot, FakeChatCompletions openai, HttpSink sink) {
        String chat = hub.createConnection("http", "site chat", Map.of("url", sink.url("/out")));
        String otherChat = hub.createConnection("http", "landing page chat", Map.of("url", sink.url("/out2")));
        String agent = qualifyingAgent(hub, openai);
        for (String c : List.of(chat, otherChat)) {
            hub.createRoute("""
                    {"name":"chat to agent","match":{"source":"%s","type":"message.inbound"},
                     "actions":[{"target":"%s","action":"agent.reply"}]}""".formatted(c, agent));
        }
        String hs = hubspotConnection(hub, hubspot);
        leadsToHubSpot(hub, agent, hs, "payload.contact.address");
        return new Setup(chat, otherChat, hs);
    }

    /** The agent's qualified leads become a HubSpot contact (its phone read from {@code phone}) and a deal. */
    private static void leadsToHubSpot(TestHub hub, String agent, String hs, String phone) {
        hub.createRoute("""
                {"name":"leads to hubspot","match":{"source":"%1$s","type":"lead.qualified"},
                 "actions":[
                   {"target":"%2$s","action":"contact.upsert",
                    "input":{"phone":"{{%3$s}}","name":"{{payload.contact.name}}"}},
                   {"target":"%2$s","action":"deal.create",
                    "input":{"title":"Lead {{payload.contact.name}} ({{payload.fields.interest}})",
                             "contact":{"phone":"{{%3$s}}"},
                             "properties":{"lead_temperature":"{{payload.temperature}}",
                                           "lead_score":"{{payload.score}}"}}}]}""".formatted(agent, hs, phone));
    }

    private static void qualify(TestHub hub, FakeChatCompletions openai, String chat, String messageId) {
        openai.enqueue(FakeChatCompletions.Answer.toolCall("c-" + messageId, "lead_record",
                        "{\"field\":\"interest\",\"value\":\"apartamento\"}"),
                FakeChatCompletions.Answer.text("Ótimo!"));
        assertThat(hub.hook(chat, "{\"id\":\"%s\",\"from\":\"%s\",\"name\":\"Ana\",\"text\":\"quero um apartamento\"}"
                .formatted(messageId, PHONE)).status()).isEqualTo(200);
    }

    private static String hubspotConnection(TestHub hub, FakeHubSpot hubspot) {
        ObjectNode body = (ObjectNode) TestHub.parse("""
                {"connector":"hubspot","name":"crm",
                 "delivery":{"retrySchedule":["1s","1s","1s","1s","1s","1s","1s","1s"],"timeoutSeconds":10,
                             "breaker":{"openSeconds":1}}}""");
        body.putObject("config").put("accessToken", FakeHubSpot.TOKEN).put("clientSecret", FakeHubSpot.CLIENT_SECRET)
                .put("apiBaseUrl", hubspot.baseUrl());
        TestHub.Response r = hub.post("/api/v1/connections", body);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("id").asText();
    }
}
