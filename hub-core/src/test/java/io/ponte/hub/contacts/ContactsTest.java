package io.ponte.hub.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ponte.hub.testing.TestDatabase;
import io.ponte.hub.testing.TestHub;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Contacts over HTTP: one person across channels (the same phone), CRM ids learned from {@code contact.upsert} and
 * read by routes as {@code contact.crm.<type>}, and what admins do with contacts: search, change, merge, split,
 * export and erase, each within its tenant.
 */
class ContactsTest {

    private static final Duration WAIT = Duration.ofSeconds(15);

    static List<TestDatabase> databases() {
        return TestDatabase.all();
    }

    private static String message(String id, String from, String name, String text, String phone) {
        return "{\"id\":\"%s\",\"from\":\"%s\",\"name\":%s,\"text\":\"%s\",\"phone\":%s}".formatted(id, from,
                name == null ? "null" : "\"" + name + "\"", text, phone == null ? "null" : "\"" + phone + "\"");
    }

    private static List<String> identities(JsonNode contact) {
        List<String> out = new ArrayList<>();
        contact.get("identities").forEach(i -> out.add(i.asText()));
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void one_person_on_two_channels_is_one_contact_and_routes_read_the_crm_id_it_learned(TestDatabase db) {
        PeopleConnectors.Crm crm = new PeopleConnectors.Crm();
        try (TestHub hub = TestHub.builder().database(db).connectors(PeopleConnectors.channel("wa"),
                PeopleConnectors.channel("tg"), crm).start()) {
            String wa = hub.createConnection("wa", "whatsapp", Map.of());
            String tg = hub.createConnection("tg", "telegram", Map.of());
            String crmId = hub.createConnection("minicrm", "crm", Map.of());
            hub.createRoute("""
                    {"name":"new people to the CRM","match":{"type":"message.inbound",
                       "condition":"!has(contact.crm.minicrm) && has(contact.phone)"},
                     "actions":[{"target":"%s","action":"contact.upsert",
                                 "input":{"phone":"{{contact.phone}}","name":"{{payload.from.name}}"}}]}
                    """.formatted(crmId));
            hub.createRoute("""
                    {"name":"known people get a note","match":{"type":"message.inbound",
                       "condition":"has(contact.crm.minicrm)"},
                     "actions":[{"target":"%s","action":"note.create",
                                 "input":{"contact":"{{contact.crm.minicrm}}","text":"{{contact.id}}: {{payload.content.text}}"}}]}
                    """.formatted(crmId));

            assertThat(hub.hook(wa, message("w1", "5511987650001", "Ana", "oi", "+5511987650001")).status())
                    .isEqualTo(200);
            TestHub.await("the upsert delivered", WAIT, () -> hub.deliveries("connection=" + crmId
                    + "&status=delivered").size() == 1);
            JsonNode afterWhatsApp = hub.get("/api/v1/contacts?q=98765").json().get("items");
            assertThat(afterWhatsApp).hasSize(1);
            String contact = afterWhatsApp.get(0).get("id").asText();
            assertThat(identities(afterWhatsApp.get(0))).containsExactlyInAnyOrder("wa:5511987650001",
                    "phone:+5511987650001", "minicrm:crm-1");
            assertThat(afterWhatsApp.get(0).get("name").asText()).isEqualTo("Ana");

            // the same person on the other channel, sharing the same phone written another way
            assertThat(hub.hook(tg, message("t1", "5011223344", "Ana S", "cheguei", "+55 (11) 98765-0001"))
                    .status()).isEqualTo(200);
            TestHub.await("the note delivered", WAIT, () -> crm.notes.size() == 1);
            assertThat(crm.notes.get(0).get("contact").asText()).isEqualTo("crm-1");
            assertThat(crm.notes.get(0).get("text").asText()).isEqualTo(contact + ": cheguei");
            assertThat(crm.upserts).as("no second upsert: the route knew the CRM id").hasSize(1);

            JsonNode one = hub.get("/api/v1/contacts/" + contact).json();
            assertThat(identities(one)).contains("wa:5511987650001", "tg:5011223344", "phone:+5511987650001",
                    "minicrm:crm-1");
            assertThat(one.get("conversations")).extracting(c -> c.get("key").asText())
                    .containsExactlyInAnyOrder(wa + ":5511987650001", tg + ":5011223344");
            assertThat(hub.get("/api/v1/contacts").json().get("items")).as("one contact in all").hasSize(1);

            // someone else writing on the same channel is someone else
            hub.hook(wa, message("w2", "5521999990002", "Bia", "olá", "+5521999990002"));
            TestHub.await("Bia's upsert", WAIT, () -> crm.upserts.size() == 2);
            assertThat(hub.get("/api/v1/contacts").json().get("items")).hasSize(2);
            assertThat(hub.get("/api/v1/contacts?q=bia").json().get("items")).hasSize(1);
            assertThat(hub.get("/api/v1/contacts?q=%25").json().get("items")).as("% is a character, not a wildcard")
                    .isEmpty();
            JsonNode page = hub.get("/api/v1/contacts?limit=1").json();
            assertThat(page.get("items")).hasSize(1);
            assertThat(hub.get("/api/v1/contacts?limit=1&cursor=" + page.get("nextCursor").asText()).json()
                    .get("items").get(0).get("id").asText()).isEqualTo(contact);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void admins_change_merge_split_export_and_erase_contacts_within_their_tenant(TestDatabase db) {
        try (TestHub hub = TestHub.builder().database(db).connectors(PeopleConnectors.channel("wa"),
                PeopleConnectors.channel("tg")).start()) {
            String wa = hub.createConnection("wa", "whatsapp", Map.of());
            String tg = hub.createConnection("tg", "telegram", Map.of());
            hub.createRoute("""
                    {"name":"echo","match":{"source":"%s","type":"message.inbound"},
                     "actions":[{"target":"%s","action":"message.send",
                                 "input":{"to":"{{payload.from.address}}","text":"recebido"}}]}""".formatted(wa, wa));
            hub.hook(wa, message("w1", "5511987650001", "Ana", "meu cpf é 123", "+5511987650001"));
            hub.hook(tg, message("t1", "5011223344", "Ana", "oi", null));
            hub.hook(wa, message("w2", "5521999990002", "Bia", "olá", "+5521999990002"));
            TestHub.await("the echoes delivered", WAIT, () -> hub.deliveries("connection=" + wa
                    + "&status=delivered").size() == 2);
            String ana = only(hub, "q=5011223344");
            String anaWa = only(hub, "q=98765");
            String bia = only(hub, "q=bia");
            assertThat(ana).as("no shared phone yet: two contacts").isNotEqualTo(anaWa);

            // change: a name, an identity; a taken identity is a conflict, a malformed one a 400 naming it
            TestHub.Response patched = patch(hub, ana, "{\"name\":\"Ana Souza\",\"addIdentities\":[\"email:Ana@Example.com\"]}");
            assertThat(patched.status()).as(patched.body()).isEqualTo(200);
            assertThat(identities(patched.json())).contains("email:ana@example.com", "tg:5011223344");
            TestHub.Response taken = patch(hub, bia, "{\"addIdentities\":[\"phone:+55 11 98765-0001\"]}");
            assertThat(taken.status()).isEqualTo(409);
            assertThat(taken.body()).contains(anaWa);
            TestHub.Response bad = patch(hub, bia, "{\"addIdentities\":[\"phone:12\",\"nocolon\"]}");
            assertThat(bad.status()).isEqualTo(400);
            assertThat(bad.body()).contains("addIdentities[0]").contains("addIdentities[1]");
            assertThat(identities(hub.get("/api/v1/contacts/" + bia).json())).as("nothing half-stored")
                    .doesNotContain("phone:+12");

            // merge: the Telegram Ana joins the WhatsApp Ana, with her conversation
            TestHub.Response merged = hub.post("/api/v1/contacts/" + anaWa + "/merge", TestHub.parse(
                    "{\"from\":\"" + ana + "\"}"));
            assertThat(merged.status()).as(merged.body()).isEqualTo(200);
            assertThat(merged.json().get("conversations")).hasSize(2);
            assertThat(merged.json().get("name").asText()).isEqualTo("Ana");
            assertThat(hub.get("/api/v1/contacts/" + ana).status()).as("merged away").isEqualTo(404);
            assertThat(hub.get("/api/v1/audit?target=" + ana).json().get("items")).as("the merge is audited")
                    .isNotEmpty();

            // split: Telegram back out, as a new contact that has the conversation
            TestHub.Response split = hub.post("/api/v1/contacts/" + anaWa + "/split", TestHub.parse(
                    "{\"identities\":[\"tg:5011223344\",\"email:ana@example.com\"]}"));
            assertThat(split.status()).as(split.body()).isEqualTo(201);
            assertThat(split.json().get("conversations")).extracting(c -> c.get("key").asText())
                    .containsExactly(tg + ":5011223344");
            assertThat(hub.post("/api/v1/contacts/" + anaWa + "/split", TestHub.parse(
                    "{\"identities\":[\"wa:5521999990002\"]}")).status()).as("not hers").isEqualTo(400);

            // another tenant's key sees none of it; a read key lists but may not export
            String tenant = hub.post("/api/v1/tenants", TestHub.parse("{\"name\":\"Loja B\"}")).json().get("id")
                    .asText();
            String other = key(hub, tenant, "write");
            for (String path : List.of("/api/v1/contacts/" + anaWa, "/api/v1/contacts/" + anaWa + "/export")) {
                assertThat(hub.call(other, "GET", path, null).status()).as(path).isEqualTo(404);
            }
            assertThat(hub.call(other, "DELETE", "/api/v1/contacts/" + anaWa, null).status()).isEqualTo(404);
            assertThat(hub.call(other, "POST", "/api/v1/contacts/" + anaWa + "/merge", "{\"from\":\"" + bia + "\"}")
                    .status()).isEqualTo(404);
            assertThat(hub.call(other, "GET", "/api/v1/contacts", null).json().get("items")).isEmpty();
            String reader = key(hub, "default", "read");
            assertThat(hub.call(reader, "GET", "/api/v1/contacts", null).status()).isEqualTo(200);
            assertThat(hub.call(reader, "GET", "/api/v1/contacts/" + anaWa + "/export", null).status())
                    .isEqualTo(403);

            // export: the person, their conversation with its whole history, the events and deliveries about it
            TestHub.Response export = hub.get("/api/v1/contacts/" + anaWa + "/export");
            assertThat(export.status()).as(export.body()).isEqualTo(200);
            JsonNode x = export.json();
            assertThat(x.at("/contact/id").asText()).isEqualTo(anaWa);
            assertThat(x.get("conversations")).hasSize(1);
            assertThat(x.at("/conversations/0/messages")).extracting(m -> m.at("/content/text").asText())
                    .containsExactly("meu cpf é 123", "recebido");
            assertThat(x.get("events")).extracting(e -> e.get("externalId").asText()).containsExactly("w1");
            assertThat(x.at("/events/0/deliveries/0/input/text").asText()).isEqualTo("recebido");
            assertThat(export.body()).doesNotContain("5021999990002").doesNotContain("olá");
            assertThat(hub.get("/api/v1/audit?target=" + anaWa).json().get("items"))
                    .anyMatch(a -> a.get("action").asText().endsWith("/export"));

            // erase: nothing of her left in contacts, conversations, history, events or deliveries
            TestHub.Response erased = hub.delete("/api/v1/contacts/" + anaWa);
            assertThat(erased.status()).as(erased.body()).isEqualTo(200);
            assertThat(erased.json().get("events").asInt()).isEqualTo(1);
            assertThat(erased.json().get("deliveries").asInt()).isEqualTo(1);
            assertThat(hub.get("/api/v1/contacts/" + anaWa).status()).isEqualTo(404);
            assertThat(hub.get("/api/v1/conversations?connection=" + wa).json().get("items"))
                    .extracting(c -> c.get("address").asText()).containsExactly("5521999990002");
            assertThat(hub.events("connection=" + wa)).extracting(e -> e.get("externalId").asText())
                    .containsExactly("w2");
            assertThat(hub.deliveries("connection=" + wa)).hasSize(1);
            JsonNode audit = hub.get("/api/v1/audit?target=" + anaWa).json();
            assertThat(audit.toString()).contains("DELETE /api/v1/contacts/{id}").doesNotContain("98765")
                    .doesNotContain("Ana");
            // she may write again: a new contact, a new conversation
            hub.hook(wa, message("w3", "5511987650001", null, "voltei", "+5511987650001"));
            String again = only(hub, "q=98765");
            assertThat(again).isNotEqualTo(anaWa);
            assertThat(hub.get("/api/v1/contacts/" + again).json().get("conversations").get(0).get("messageCount")
                    .asInt()).as("a fresh conversation: her message and its echo").isEqualTo(2);
        }
    }

    private static String only(TestHub hub, String query) {
        JsonNode items = hub.get("/api/v1/contacts?" + query).json().get("items");
        assertThat(items).as(query).hasSize(1);
        return items.get(0).get("id").asText();
    }

    private static TestHub.Response patch(TestHub hub, String id, String body) {
        return hub.call(TestHub.ADMIN_TOKEN, "PATCH", "/api/v1/contacts/" + id, body);
    }

    private static String key(TestHub hub, String tenant, String role) {
        TestHub.Response r = hub.post("/api/v1/api-keys", TestHub.parse("{\"name\":\"k\",\"role\":\"" + role
                + "\",\"tenant\":\"" + tenant + "\"}"));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("token").asText();
    }
}
