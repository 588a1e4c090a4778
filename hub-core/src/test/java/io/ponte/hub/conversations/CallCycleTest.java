package io.ponte.hub.conversations;

import static org.assertj.core.api.Assertions.assertThat;

import io.ponte.api.action.ActionRequest;
import io.ponte.api.action.ActionResult;
import io.ponte.api.action.ActionSpec;
import io.ponte.api.config.ConfigField;
import io.ponte.api.config.ConfigSpec;
import io.ponte.api.config.FieldType;
import io.ponte.api.connector.Category;
import io.ponte.api.connector.Connector;
import io.ponte.api.connector.ConnectorContext;
import io.ponte.api.connector.ConnectorDescriptor;
import io.ponte.api.connector.ConnectorFactory;
import io.ponte.hub.testing.TestHub;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Loops a tenant can build from connections end at once, and the dispatcher keeps tenants apart on its own. */
class CallCycleTest {

    /** An agent that hands every message to its partner's {@code agent.reply} (as specialists and tools do). */
    static final class Handover implements ConnectorFactory {
        static final ConfigField PARTNER = ConfigField.optional("partner", FieldType.STRING,
                "connection to hand over to");
        static final ConfigField CHECKED = ConfigField.optional("checked", FieldType.BOOLEAN,
                "check the partner when saved");
        static final AtomicInteger CALLS = new AtomicInteger();

        @Override
        public ConnectorDescriptor descriptor() {
            return new ConnectorDescriptor("handover", Category.AGENT, "Handover", "passes messages on",
                    ConfigSpec.of(PARTNER, CHECKED),
                    List.of(), List.of(new ActionSpec("agent.reply", "hands over", null)));
        }

        /** With {@code checked}, names its partner when saved (as the agents' specialists are checked). */
        @Override
        public List<io.ponte.api.config.ConfigError> validate(ConnectorContext context) {
            String partner = context.config().string(PARTNER);
            if (partner == null || !context.config().bool(CHECKED)
                    || context.actions().describe(partner, "agent.reply").isPresent()) {
                return List.of();
            }
            return List.of(new io.ponte.api.config.ConfigError("partner", "no such agent"));
        }

        @Override
        public Connector open(ConnectorContext context) {
            String partner = context.config().string(PARTNER);
            return new Connector() {
                @Override
                public ActionResult invoke(ActionRequest request) {
                    CALLS.incrementAndGet();
                    ActionResult r = context.actions().invoke(partner, "agent.reply", request.input(), request.cause());
                    return r instanceof ActionResult.Failed f ? ActionResult.failed("partner: " + f.reason()) : r;
                }
            };
        }
    }

    @Test
    void two_agents_that_hand_messages_to_each_other_are_stopped_at_the_first_repeat() {
        try (TestHub hub = TestHub.builder().connectors(new ChatConnector(), new Handover()).start()) {
            String chat = hub.createConnection("chat", "in", Map.of());
            String a = hub.createConnection("handover", "a", Map.of());
            String b = hub.createConnection("handover", "b", Map.of("partner", a));
            assertThat(hub.put("/api/v1/connections/" + a, TestHub.parse("{\"config\":{\"partner\":\"" + b + "\"}}"))
                    .status()).isEqualTo(200);
            hub.createRoute("""
                    {"name":"to a","match":{"source":"%s","type":"message.inbound"},
                     "actions":[{"target":"%s","action":"agent.reply","input":{"text":"{{payload.content.text}}"}}]}"""
                    .formatted(chat, a));
            hub.hook(chat, "[{\"kind\":\"message\",\"id\":\"m1\",\"from\":\"11\",\"text\":\"oi\"}]");

            TestHub.await("the delivery to end", Duration.ofSeconds(10),
                    () -> hub.deliveries("connection=" + a + "&status=dead").size() == 1);
            String reason = hub.deliveries("connection=" + a).get(0).get("lastError").asText();
            assertThat(reason).contains("call cycle refused").contains(a + " → " + b + " → " + a);
            assertThat(Handover.CALLS.get()).as("a, then b, and no more").isEqualTo(2);
        }
    }

    /** An agent that answers every message once, in its conversation. */
    static final class Echo implements ConnectorFactory {
        @Override
        public ConnectorDescriptor descriptor() {
            return new ConnectorDescriptor("echo", Category.AGENT, "Echo", "answers", ConfigSpec.of(),
                    List.of(), List.of(new ActionSpec("agent.reply", "answers", null)));
        }

        @Override
        public Connector open(ConnectorContext context) {
            return new Connector() {
                @Override
                public ActionResult invoke(ActionRequest request) {
                    io.ponte.kit.Emissions.await(context.emitter(), List.of(io.ponte.kit.Replies.reply(
                            request.cause(), new io.ponte.api.message.Content.Text("echo"))), Duration.ofSeconds(5));
                    return ActionResult.delivered("replied");
                }
            };
        }
    }

    @Test
    void an_envelope_a_connector_emits_because_of_another_is_one_hop_further_and_stops_at_the_limit() {
        try (TestHub hub = TestHub.builder().connectors(new ChatConnector(), new Echo())
                .env("PONTE_MAX_HOPS", "2").start()) {
            String chat = hub.createConnection("chat", "in", Map.of());
            String echo = hub.createConnection("echo", "echo", Map.of());
            hub.createRoute("""
                    {"name":"to echo","match":{"source":"%s","type":"message.inbound"},
                     "actions":[{"target":"%s","action":"agent.reply"}]}""".formatted(chat, echo));
            // the echo agent's replies are routed to it again: a loop only the hop count ends
            hub.createRoute("""
                    {"name":"replies to echo","match":{"source":"%s","type":"message.outbound"},
                     "actions":[{"target":"%s","action":"agent.reply"}]}""".formatted(echo, echo));
            hub.hook(chat, "[{\"kind\":\"message\",\"id\":\"m1\",\"from\":\"11\",\"text\":\"oi\"}]");

            TestHub.await("the loop to stop", Duration.ofSeconds(10), () -> hub.deliveries("status=dead").stream()
                    .anyMatch(d -> d.path("lastError").asText().contains("hop limit")));
            List<Integer> hops = hub.events("connection=" + echo).stream()
                    .map(e -> hub.get("/api/v1/events/" + e.get("id").asText()).json().at("/envelope/hops").asInt(0))
                    .sorted().toList();
            assertThat(hops).containsExactly(1, 2);
        }
    }

    @Test
    void saving_an_agent_whose_named_connections_call_it_back_is_refused_naming_the_cycle() {
        try (TestHub hub = TestHub.builder().connectors(new Handover()).start()) {
            String a = hub.createConnection("handover", "a", Map.of("checked", true));
            String b = hub.createConnection("handover", "b", Map.of("partner", a, "checked", true));
            String c = hub.createConnection("handover", "c", Map.of("partner", b, "checked", true));

            TestHub.Response loop = hub.put("/api/v1/connections/" + a, TestHub.parse(
                    "{\"config\":{\"partner\":\"" + c + "\",\"checked\":true}}"));
            assertThat(loop.status()).as(loop.body()).isEqualTo(400);
            assertThat(loop.body()).contains("config").contains("call cycle")
                    .contains(a + " → " + c + " → " + b + " → " + a);
            assertThat(hub.get("/api/v1/connections/" + a).json().at("/config/partner").isMissingNode()).isTrue();

            // naming a connection that does not call back is fine, and so is a rename that keeps the config
            String d = hub.createConnection("handover", "d", Map.of("checked", true));
            assertThat(hub.put("/api/v1/connections/" + a, TestHub.parse(
                    "{\"config\":{\"partner\":\"" + d + "\",\"checked\":true}}")).status()).isEqualTo(200);
            assertThat(hub.put("/api/v1/connections/" + a, TestHub.parse("{\"name\":\"a2\"}")).status())
                    .isEqualTo(200);
            // and the chain d ← a still counts: d naming c (→ b → a → d) closes a cycle
            TestHub.Response longer = hub.put("/api/v1/connections/" + d, TestHub.parse(
                    "{\"config\":{\"partner\":\"" + c + "\",\"checked\":true}}"));
            assertThat(longer.status()).as(longer.body()).isEqualTo(400);
            assertThat(longer.body()).contains(d + " → " + c + " → " + b + " → " + a + " → " + d);
        }
    }

    @Test
    void the_dispatcher_refuses_a_delivery_whose_tenant_is_not_its_targets() throws Exception {
        try (TestHub hub = TestHub.builder().connectors(new ChatConnector()).start()) {
            String chat = hub.createConnection("chat", "default tenant's channel", Map.of());
            int sentBefore = ChatConnector.SENT.size();
            // no API path makes such a row (ingress and routes keep tenants apart): written straight into the outbox
            String url = hub.dbUrl() != null ? hub.dbUrl() : "jdbc:h2:file:" + hub.dataDir().resolve("ponte");
            try (Connection c = DriverManager.getConnection(url, "sa", "");
                 PreparedStatement insert = c.prepareStatement("""
                         INSERT INTO deliveries (id, tenant_id, event_id, route_id, target_connection, action, input,
                                                 ordering_key, status, attempts, next_attempt_at, created_at, updated_at)
                         VALUES ('dlv_forged', 'ten_other', 'evt_none', NULL, ?, 'message.send',
                                 '{"to":"11","text":"x"}', 'forged', 'pending', 0, 0, 0, 0)""")) {
                insert.setString(1, chat);
                insert.executeUpdate();
            }
            TestHub.await("the forged delivery to be refused", Duration.ofSeconds(10),
                    () -> hub.deliveries("status=dead").size() == 1);
            assertThat(hub.deliveries("status=dead").get(0).get("lastError").asText())
                    .contains("refused").contains("another tenant");
            assertThat(ChatConnector.SENT.size()).isEqualTo(sentBefore);
        }
    }
}
