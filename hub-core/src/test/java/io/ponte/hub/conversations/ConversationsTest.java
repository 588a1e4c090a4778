package io.ponte.hub.conversations;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ponte.hub.testing.ManualClock;
import io.ponte.hub.testing.TestDatabase;
import io.ponte.hub.testing.TestHub;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Conversations over HTTP: history in order (both directions, with status), state, send rates, media. */
class ConversationsTest {

    static List<TestDatabase> databases() {
        return TestDatabase.all();
    }

    private static TestHub hub(TestDatabase db) {
        return TestHub.builder().database(db).connectors(new ChatConnector()).start();
    }

    private static String autoReply(TestHub hub, String chat) {
        return hub.createRoute("""
                {"name":"echo","match":{"source":"%s","type":"message.inbound"},
                 "actions":[{"target":"%s","action":"message.send",
                             "input":{"to":"{{payload.from.address}}","text":"echo: {{payload.content.text}}"}}]}
                """.formatted(chat, chat));
    }

    private static JsonNode conversationOf(TestHub hub, String chat, String address) {
        JsonNode items = hub.get("/api/v1/conversations?connection=" + chat + "&contact=" + address).json()
                .get("items");
        assertThat(items).as("conversations of " + address).hasSize(1);
        return items.get(0);
    }

    private static List<JsonNode> history(TestHub hub, String conversationId) {
        TestHub.Response r = hub.get("/api/v1/conversations/" + conversationId + "/messages");
        assertThat(r.status()).isEqualTo(200);
        List<JsonNode> out = new ArrayList<>();
        r.json().get("items").forEach(out::add);
        return out;
    }

    @ParameterizedTest
    @MethodSource("databases")
    void an_inbound_message_opens_a_conversation_and_the_reply_joins_it_with_every_status(TestDatabase db) {
        try (TestHub hub = hub(db)) {
            String chat = hub.createConnection("chat", "chat", Map.of());
            autoReply(hub, chat);
            assertThat(hub.hook(chat, "[{\"kind\":\"message\",\"id\":\"m1\",\"from\":\"111\",\"name\":\"Ana\","
                    + "\"text\":\"oi\"}]").status()).isEqualTo(200);
            TestHub.await("the reply delivered", Duration.ofSeconds(10), () -> hub.deliveries("connection=" + chat)
                    .stream().anyMatch(d -> d.get("status").asText().equals("delivered")));
            JsonNode delivery = hub.deliveries("connection=" + chat).get(0);
            String ref = delivery.get("externalRef").asText();

            JsonNode c = conversationOf(hub, chat, "111");
            assertThat(c.get("key").asText()).isEqualTo(chat + ":111");
            assertThat(c.get("contactName").asText()).isEqualTo("Ana");
            assertThat(c.get("state").asText()).isEqualTo("open");
            assertThat(c.get("messageCount").asInt()).isEqualTo(2);
            TestHub.await("the reply's history row shows sent", Duration.ofSeconds(5),
                    () -> history(hub, c.get("id").asText()).get(1).get("status").asText().equals("sent"));
            List<JsonNode> h = history(hub, c.get("id").asText());
            assertThat(h).extracting(m -> m.get("direction").asText()).containsExactly("inbound", "outbound");
            assertThat(h.get(0).get("content").get("text").asText()).isEqualTo("oi");
            assertThat(h.get(0).get("status").asText()).isEqualTo("received");
            assertThat(h.get(0).get("senderName").asText()).isEqualTo("Ana");
            assertThat(h.get(1).get("content").get("text").asText()).isEqualTo("echo: oi");
            assertThat(h.get(1).get("externalRef").asText()).isEqualTo(ref);
            assertThat(h.get(1).get("delivery").asText()).isEqualTo(delivery.get("id").asText());

            // reports arrive out of order: a late 'delivered' never overwrites 'read'
            String status = "{\"kind\":\"status\",\"ref\":\"%s\",\"status\":\"%s\",\"to\":\"111\"}";
            assertThat(hub.hook(chat, "[" + status.formatted(ref, "read") + "," + status.formatted(ref, "delivered")
                    + "]").status()).isEqualTo(200);
            assertThat(history(hub, c.get("id").asText()).get(1).get("status").asText()).isEqualTo("read");

            JsonNode report = hub.events("connection=" + chat + "&type=message.status").get(0).get("envelope");
            assertThat(report.get("attributes").get("deliveryId").asText()).isEqualTo(delivery.get("id").asText());
            assertThat(report.get("causationId").asText()).isEqualTo(delivery.get("event").asText());
            assertThat(report.get("correlationId").asText()).isEqualTo(delivery.get("event").asText());
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void a_provider_retry_adds_nothing_and_later_messages_continue_the_conversation_in_order(TestDatabase db) {
        try (TestHub hub = hub(db)) {
            String chat = hub.createConnection("chat", "chat", Map.of());
            String first = "[{\"kind\":\"message\",\"id\":\"m1\",\"from\":\"222\",\"text\":\"one\"}]";
            hub.hook(chat, first);
            hub.hook(chat, first);
            hub.hook(chat, "[{\"kind\":\"message\",\"id\":\"m2\",\"from\":\"222\",\"name\":\"Bia\",\"text\":\"two\"},"
                    + "{\"kind\":\"message\",\"id\":\"m3\",\"from\":\"222\",\"text\":\"three\"},"
                    + "{\"kind\":\"message\",\"id\":\"x1\",\"from\":\"333\",\"text\":\"other contact\"}]");
            JsonNode c = conversationOf(hub, chat, "222");
            assertThat(c.get("messageCount").asInt()).isEqualTo(3);
            assertThat(c.get("contactName").asText()).as("a name given later is kept").isEqualTo("Bia");
            assertThat(history(hub, c.get("id").asText())).extracting(m -> m.get("content").get("text").asText())
                    .containsExactly("one", "two", "three");
            assertThat(hub.get("/api/v1/conversations?connection=" + chat).json().get("items")).hasSize(2);
            // pages follow the cursor, oldest first
            JsonNode page = hub.get("/api/v1/conversations/" + c.get("id").asText() + "/messages?limit=2").json();
            assertThat(page.get("items")).hasSize(2);
            JsonNode rest = hub.get("/api/v1/conversations/" + c.get("id").asText() + "/messages?limit=2&cursor="
                    + page.get("nextCursor").asText()).json();
            assertThat(rest.get("items").get(0).get("content").get("text").asText()).isEqualTo("three");
            assertThat(rest.has("nextCursor")).isFalse();
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void a_connection_without_history_relays_everything_and_keeps_no_conversation(TestDatabase db) {
        try (TestHub hub = hub(db)) {
            TestHub.Response created = hub.post("/api/v1/connections",
                    Map.of("connector", "chat", "name", "relay", "config", Map.of(), "history", false));
            assertThat(created.status()).isEqualTo(201);
            assertThat(created.json().get("history").asBoolean()).isFalse();
            String chat = created.json().get("id").asText();
            autoReply(hub, chat);
            hub.hook(chat, "[{\"kind\":\"message\",\"id\":\"m1\",\"from\":\"444\",\"text\":\"one\"},"
                    + "{\"kind\":\"message\",\"id\":\"m2\",\"from\":\"444\",\"text\":\"two\"}]");
            TestHub.await("both replies delivered", Duration.ofSeconds(10), () -> hub.deliveries("connection=" + chat)
                    .stream().filter(d -> d.get("status").asText().equals("delivered")).count() == 2);
            String ref = hub.deliveries("connection=" + chat).get(0).get("externalRef").asText();
            hub.hook(chat, "[{\"kind\":\"status\",\"ref\":\"" + ref + "\",\"status\":\"read\",\"to\":\"444\"}]");
            assertThat(hub.events("connection=" + chat)).as("events are stored as always").hasSize(3);
            assertThat(hub.get("/api/v1/conversations?connection=" + chat).json().get("items")).isEmpty();

            // a change that leaves history out keeps it off; turning it on keeps the messages from then on
            assertThat(hub.put("/api/v1/connections/" + chat, Map.of("name", "relay 2")).json().get("history")
                    .asBoolean()).isFalse();
            assertThat(hub.put("/api/v1/connections/" + chat, Map.of("history", true)).json().get("history")
                    .asBoolean()).isTrue();
            hub.hook(chat, "[{\"kind\":\"message\",\"id\":\"m3\",\"from\":\"444\",\"text\":\"three\"}]");
            TestHub.await("the third reply delivered", Duration.ofSeconds(10), () -> hub.deliveries("connection="
                    + chat).stream().filter(d -> d.get("status").asText().equals("delivered")).count() == 3);
            JsonNode c = conversationOf(hub, chat, "444");
            assertThat(c.get("messageCount").asInt()).isEqualTo(2);
            TestHub.await("the reply's history row shows sent", Duration.ofSeconds(5),
                    () -> history(hub, c.get("id").asText()).get(1).get("status").asText().equals("sent"));
            assertThat(history(hub, c.get("id").asText())).extracting(m -> m.get("content").get("text").asText())
                    .containsExactly("three", "echo: three");

            TestHub.Response bad = hub.put("/api/v1/connections/" + chat, Map.of("history", "no"));
            assertThat(bad.status()).isEqualTo(400);
            assertThat(bad.body()).contains("history");
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void the_state_changes_through_the_api_and_filters_the_list(TestDatabase db) {
        try (TestHub hub = hub(db)) {
            String chat = hub.createConnection("chat", "chat", Map.of());
            hub.hook(chat, "[{\"kind\":\"message\",\"id\":\"m1\",\"from\":\"444\",\"text\":\"quero falar com humano\"}]");
            String id = conversationOf(hub, chat, "444").get("id").asText();
            TestHub.Response r = patch(hub, "/api/v1/conversations/" + id, "{\"state\":\"human\"}");
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.json().get("state").asText()).isEqualTo("human");
            assertThat(hub.get("/api/v1/conversations?state=human").json().get("items")).hasSize(1);
            assertThat(hub.get("/api/v1/conversations?state=bot").json().get("items")).isEmpty();
            assertThat(hub.get("/api/v1/conversations?updatedSince=2999-01-01T00:00:00Z").json().get("items")).isEmpty();

            TestHub.Response bad = patch(hub, "/api/v1/conversations/" + id, "{\"state\":\"sleeping\"}");
            assertThat(bad.status()).isEqualTo(400);
            assertThat(bad.body()).contains("state").contains("open");
            assertThat(patch(hub, "/api/v1/conversations/" + id, "{\"state\":\"open\",\"x\":1}").status()).isEqualTo(400);
            assertThat(hub.get("/api/v1/conversations?state=sleeping").status()).isEqualTo(400);
            assertThat(hub.get("/api/v1/conversations?updatedSince=yesterday").status()).isEqualTo(400);
            assertThat(hub.get("/api/v1/conversations/cnv_NOPE").status()).isEqualTo(404);
            assertThat(hub.get("/api/v1/conversations/cnv_NOPE/messages").status()).isEqualTo(404);
            assertThat(patch(hub, "/api/v1/conversations/cnv_NOPE", "{\"state\":\"open\"}").status()).isEqualTo(404);
            assertThat(conversationOf(hub, chat, "444").get("state").asText()).isEqualTo("human");
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void a_reply_to_a_relayed_message_names_the_conversation_it_came_from_so_a_route_can_answer_there(TestDatabase db) {
        try (TestHub hub = hub(db)) {
            String customers = hub.createConnection("chat", "customers", Map.of());
            String team = hub.createConnection("chat", "team", Map.of());
            hub.createRoute("""
                    {"name":"to the team","match":{"source":"%s","type":"message.inbound"},
                     "actions":[{"target":"%s","action":"message.send",
                                 "input":{"to":"room-1","text":"{{payload.from.name}}: {{payload.content.text}}"}}]}
                    """.formatted(customers, team));
            hub.createRoute("""
                    {"name":"answers back","match":{"source":"%s","type":"message.inbound",
                                                    "condition":"attributes.replyToConnection == '%s'"},
                     "actions":[{"target":"%s","action":"message.send",
                                 "input":{"to":"{{attributes.replyToAddress}}","text":"{{payload.content.text}}"}}]}
                    """.formatted(team, customers, customers));
            hub.hook(customers, "[{\"kind\":\"message\",\"id\":\"c1\",\"from\":\"5511\",\"name\":\"Ana\","
                    + "\"text\":\"tem tamanho M?\"}]");
            TestHub.await("relayed to the team", Duration.ofSeconds(10), () -> hub.deliveries("connection=" + team)
                    .stream().anyMatch(d -> d.get("status").asText().equals("delivered")));
            JsonNode relayed = hub.deliveries("connection=" + team).get(0);
            hub.hook(team, "[{\"kind\":\"message\",\"id\":\"t1\",\"from\":\"room-1\",\"name\":\"Carla\","
                    + "\"text\":\"Tem sim!\",\"replyTo\":\"" + relayed.get("externalRef").asText() + "\"}]");
            TestHub.await("the answer sent back to the customer", Duration.ofSeconds(10), () -> hub.deliveries(
                    "connection=" + customers).stream().anyMatch(d -> d.get("status").asText().equals("delivered")));
            JsonNode answer = hub.deliveries("connection=" + customers).get(0);
            assertThat(answer.get("input").get("to").asText()).isEqualTo("5511");
            assertThat(answer.get("input").get("text").asText()).isEqualTo("Tem sim!");
            JsonNode reply = hub.events("connection=" + team + "&type=message.inbound").get(0).get("envelope");
            assertThat(reply.get("attributes").get("replyToConversation").asText()).isEqualTo(customers + ":5511");
            assertThat(reply.get("attributes").get("replyToDelivery").asText()).isEqualTo(relayed.get("id").asText());
            assertThat(reply.get("correlationId").asText()).as("one chain from question to answer")
                    .isEqualTo(relayed.get("event").asText());
            List<JsonNode> h = history(hub, conversationOf(hub, customers, "5511").get("id").asText());
            assertThat(h).extracting(m -> m.get("content").get("text").asText()).containsExactly("tem tamanho M?", "Tem sim!");
        }
    }

    @Test
    void message_ids_unique_only_per_conversation_link_to_the_right_one() {
        try (TestHub hub = hub(TestDatabase.h2())) {
            String chat = hub.createConnection("chat", "chat", Map.of("perContactRefs", true));
            autoReply(hub, chat);
            hub.hook(chat, "[{\"kind\":\"message\",\"id\":\"a\",\"from\":\"A\",\"text\":\"oi\"},"
                    + "{\"kind\":\"message\",\"id\":\"b\",\"from\":\"B\",\"text\":\"ola\"}]");
            TestHub.await("both replies sent", Duration.ofSeconds(10), () -> hub.deliveries("connection=" + chat)
                    .stream().filter(d -> d.get("status").asText().equals("delivered")).count() == 2);
            String a = conversationOf(hub, chat, "A").get("id").asText();
            String b = conversationOf(hub, chat, "B").get("id").asText();
            TestHub.await("both history rows sent", Duration.ofSeconds(5), () ->
                    history(hub, a).get(1).get("status").asText().equals("sent")
                            && history(hub, b).get(1).get("status").asText().equals("sent"));
            assertThat(history(hub, a).get(1).get("externalRef").asText()).isEqualTo("1");
            assertThat(history(hub, b).get(1).get("externalRef").asText()).isEqualTo("1");

            hub.hook(chat, "[{\"kind\":\"status\",\"ref\":\"1\",\"status\":\"read\",\"to\":\"B\"},"
                    + "{\"kind\":\"message\",\"id\":\"b2\",\"from\":\"B\",\"text\":\"obrigada\",\"replyTo\":\"1\"}]");
            assertThat(history(hub, b).get(1).get("status").asText()).isEqualTo("read");
            assertThat(history(hub, a).get(1).get("status").asText()).as("A's message 1 is another message")
                    .isEqualTo("sent");
            String bReply = history(hub, b).get(1).get("delivery").asText();
            JsonNode quoted = hub.events("connection=" + chat + "&type=message.inbound").stream()
                    .filter(e -> e.get("externalId").asText().equals("b2")).findFirst().orElseThrow().get("envelope");
            assertThat(quoted.get("attributes").get("replyToDelivery").asText()).isEqualTo(bReply);
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void a_person_replies_through_the_api_once_per_idempotency_key_and_integrators_send_to_any_address(TestDatabase db) {
        ChatConnector.SENT.clear();
        try (TestHub hub = hub(db)) {
            String chat = hub.createConnection("chat", "chat", Map.of());
            hub.hook(chat, "[{\"kind\":\"message\",\"id\":\"m1\",\"from\":\"321\",\"name\":\"Rui\",\"text\":\"ajuda\"}]");
            String id = conversationOf(hub, chat, "321").get("id").asText();
            for (int i = 0; i < 2; i++) {
                TestHub.Response r = hub.send(HttpRequest.newBuilder(hub.uri("/api/v1/conversations/" + id + "/messages"))
                        .POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"Oi Rui, aqui é a Carla.\"}"))
                        .header("Content-Type", "application/json").header("Idempotency-Key", "reply-1")
                        .header("Authorization", "Bearer " + TestHub.ADMIN_TOKEN));
                assertThat(r.status()).as(r.body()).isEqualTo(202);
                assertThat(r.json().get("conversation").asText()).isEqualTo(id);
                assertThat(r.json().get("duplicate").asBoolean()).isEqualTo(i == 1);
            }
            TestHub.await("the person's reply sent", Duration.ofSeconds(10), () -> hub.deliveries("connection=" + chat
                    + "&status=delivered").size() == 1);
            assertThat(ChatConnector.SENT).extracting(j -> j.get("to").asText() + ":" + j.get("text").asText())
                    .containsExactly("321:Oi Rui, aqui é a Carla.");
            assertThat(history(hub, id)).extracting(m -> m.get("direction").asText()).containsExactly("inbound", "outbound");

            TestHub.Response out = hub.post("/api/v1/messages", TestHub.parse(
                    "{\"connection\":\"" + chat + "\",\"to\":\"654\",\"content\":{\"kind\":\"text\",\"text\":\"promo\"}}"));
            assertThat(out.status()).as(out.body()).isEqualTo(202);
            TestHub.await("the integrator's message sent", Duration.ofSeconds(10), () -> hub.deliveries("connection="
                    + chat + "&status=delivered").size() == 2);
            assertThat(conversationOf(hub, chat, "654").get("messageCount").asInt()).isEqualTo(1);
        }
    }

    @org.junit.jupiter.api.Test
    void sending_through_the_api_names_what_is_wrong() {
        try (TestHub hub = hub(TestDatabase.h2())) {
            String chat = hub.createConnection("chat", "chat", Map.of());
            TestHub.Response missing = hub.post("/api/v1/messages", TestHub.parse("{\"text\":\"oi\"}"));
            assertThat(missing.status()).isEqualTo(400);
            assertThat(missing.body()).contains("connection").contains("to");
            assertThat(hub.post("/api/v1/messages", TestHub.parse("{\"connection\":\"con_NOPE\",\"to\":\"1\","
                    + "\"text\":\"oi\"}")).status()).isEqualTo(404);
            TestHub.Response empty = hub.post("/api/v1/messages", TestHub.parse("{\"connection\":\"" + chat
                    + "\",\"to\":\"1\"}"));
            assertThat(empty.status()).isEqualTo(400);
            assertThat(empty.body()).contains("nothing to send");
            assertThat(hub.post("/api/v1/messages", TestHub.parse("{\"connection\":\"" + chat + "\",\"to\":\"1\","
                    + "\"content\":{\"kind\":\"hologram\"}}")).status()).isEqualTo(400);
            assertThat(hub.post("/api/v1/messages", TestHub.parse("{\"connection\":\"" + chat + "\",\"to\":\"1\","
                    + "\"text\":\"oi\",\"priority\":9}")).status()).isEqualTo(400);
            assertThat(hub.post("/api/v1/conversations/cnv_NOPE/messages", TestHub.parse("{\"text\":\"oi\"}")).status())
                    .isEqualTo(404);
            assertThat(hub.events("")).as("nothing stored").isEmpty();
        }
    }

    @Test
    void a_failed_send_shows_in_the_history_and_rejected_credentials_mark_the_connection_down() {
        try (TestHub hub = hub(TestDatabase.h2())) {
            String chat = hub.createConnection("chat", "chat", Map.of());
            hub.createRelay(chat, chat);
            hub.hook(chat, "[{\"kind\":\"message\",\"id\":\"m1\",\"from\":\"555\",\"text\":\"fail\"},"
                    + "{\"kind\":\"message\",\"id\":\"m2\",\"from\":\"555\",\"text\":\"auth\"}]");
            String id = conversationOf(hub, chat, "555").get("id").asText();
            TestHub.await("both sends failed", Duration.ofSeconds(10), () -> history(hub, id).stream()
                    .filter(m -> m.get("status").asText().equals("failed")).count() == 2);
            JsonNode failed = history(hub, id).stream().filter(m -> m.get("direction").asText().equals("outbound"))
                    .findFirst().orElseThrow();
            assertThat(failed.get("error").asText()).contains("recipient rejected");
            JsonNode health = hub.get("/api/v1/connections/" + chat).json().get("health");
            assertThat(health.get("status").asText()).isEqualTo("down");
            assertThat(health.get("detail").asText()).contains("access token rejected");
            assertThat(health.get("source").asText()).isEqualTo("connector");
        }
    }

    @Test
    void an_echo_joins_the_history_as_outbound_and_is_never_routed_as_inbound() {
        try (TestHub hub = hub(TestDatabase.h2())) {
            String chat = hub.createConnection("chat", "chat", Map.of());
            autoReply(hub, chat);
            hub.hook(chat, "[{\"kind\":\"echo\",\"id\":\"app-1\",\"to\":\"666\",\"text\":\"sent from the phone app\"}]");
            String id = conversationOf(hub, chat, "666").get("id").asText();
            List<JsonNode> h = history(hub, id);
            assertThat(h).hasSize(1);
            assertThat(h.get(0).get("direction").asText()).isEqualTo("outbound");
            assertThat(h.get(0).get("status").asText()).isEqualTo("sent");
            assertThat(hub.deliveries("connection=" + chat)).as("no route fires for an echo").isEmpty();
            assertThat(conversationOf(hub, chat, "666").get("messageCount").asInt()).isEqualTo(1);

            // the echo of a reply the hub sent itself is already in the history: not added, not counted twice
            hub.hook(chat, "[{\"kind\":\"message\",\"id\":\"m1\",\"from\":\"666\",\"text\":\"oi\"}]");
            TestHub.await("the reply sent", Duration.ofSeconds(10), () -> history(hub, id).size() == 3
                    && history(hub, id).get(2).get("status").asText().equals("sent"));
            String ref = history(hub, id).get(2).get("externalRef").asText();
            hub.hook(chat, "[{\"kind\":\"echo\",\"id\":\"" + ref + "\",\"to\":\"666\",\"text\":\"echo: oi\"}]");
            assertThat(history(hub, id)).extracting(m -> m.get("direction").asText())
                    .containsExactly("outbound", "inbound", "outbound");
            assertThat(conversationOf(hub, chat, "666").get("messageCount").asInt()).isEqualTo(3);
            assertThat(hub.deliveries("connection=" + chat)).as("only the reply to the inbound message").hasSize(1);
        }
    }

    @Test
    void a_per_conversation_send_rate_spaces_sends_to_one_contact_without_counting_attempts() {
        ChatConnector.SENT.clear();
        ChatConnector.SENT_AT.clear();
        ManualClock clock = new ManualClock(Instant.parse("2026-03-01T10:00:00Z"));
        try (TestHub hub = TestHub.builder().connectors(new ChatConnector()).clock(clock).start()) {
            String chat = hub.createConnection("chat", "chat", Map.of("conversationGapMs", 3000));
            autoReply(hub, chat);
            hub.hook(chat, "[{\"kind\":\"message\",\"id\":\"a1\",\"from\":\"777\",\"text\":\"1\"},"
                    + "{\"kind\":\"message\",\"id\":\"a2\",\"from\":\"777\",\"text\":\"2\"},"
                    + "{\"kind\":\"message\",\"id\":\"b1\",\"from\":\"888\",\"text\":\"3\"}]");
            TestHub.await("the second reply to 777 handed back until its slot", Duration.ofSeconds(10), () ->
                    reply(hub, chat, "echo: 2").path("nextAttemptAt").asText()
                            .equals(clock.instant().plusSeconds(3).toString()));
            assertThat(sentTexts()).as("with time standing still: the first reply to each contact, not the second")
                    .containsExactlyInAnyOrder("echo: 1", "echo: 3");
            assertThat(reply(hub, chat, "echo: 2").get("status").asText()).isEqualTo("pending");

            clock.advance(Duration.ofSeconds(3));
            TestHub.await("three replies delivered", Duration.ofSeconds(10), () -> hub.deliveries("connection=" + chat)
                    .stream().filter(d -> d.get("status").asText().equals("delivered")).count() == 3);
            List<String> order = sentTexts();
            assertThat(order.indexOf("echo: 1")).isLessThan(order.indexOf("echo: 2"));
            long first = ChatConnector.SENT_AT.get(order.indexOf("echo: 1"));
            long second = ChatConnector.SENT_AT.get(order.indexOf("echo: 2"));
            long other = ChatConnector.SENT_AT.get(order.indexOf("echo: 3"));
            assertThat(Duration.ofMillis(second - first)).as("one contact: one send per 3 s")
                    .isGreaterThanOrEqualTo(Duration.ofSeconds(3));
            assertThat(other).as("another contact is not held back").isEqualTo(first);
            assertThat(hub.deliveries("connection=" + chat)).allSatisfy(d ->
                    assertThat(d.get("attempts").asInt()).as("waiting for the rate is not an attempt").isEqualTo(1));
        }
    }

    private static List<String> sentTexts() {
        return ChatConnector.SENT.stream().map(j -> j.get("text").asText()).toList();
    }

    /** The delivery of the auto-reply with this text. */
    private static JsonNode reply(TestHub hub, String chat, String text) {
        return hub.deliveries("connection=" + chat).stream()
                .filter(d -> d.path("input").path("text").asText().equals(text)).findFirst()
                .orElseThrow(() -> new AssertionError("no delivery of '" + text + "'"));
    }

    @Test
    void rejects_send_rates_that_are_not_permits_per_duration() {
        try (TestHub hub = hub(TestDatabase.h2())) {
            TestHub.Response r = hub.post("/api/v1/connections", TestHub.parse("""
                    {"connector":"chat","name":"c","config":{},
                     "delivery":{"sendRates":{"connection":"fast","planet":"1/1s"}}}"""));
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.body()).contains("delivery.sendRates.connection").contains("delivery.sendRates.planet");
            TestHub.Response ok = hub.post("/api/v1/connections", TestHub.parse("""
                    {"connector":"chat","name":"c","config":{},"delivery":{"sendRates":{"connection":"20/1s"}}}"""));
            assertThat(ok.status()).isEqualTo(201);
            assertThat(ok.json().get("delivery").get("sendRates").get("connection").asText()).isEqualTo("20/1s");
        }
    }

    static TestHub.Response patch(TestHub hub, String path, String json) {
        return hub.send(HttpRequest.newBuilder(hub.uri(path)).method("PATCH", HttpRequest.BodyPublishers.ofString(json))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + TestHub.ADMIN_TOKEN));
    }
}
