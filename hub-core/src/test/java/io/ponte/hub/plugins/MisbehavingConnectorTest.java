package io.ponte.hub.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
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
import io.ponte.api.message.ChatMessage;
import io.ponte.api.message.Content;
import io.ponte.api.message.EnvelopeDraft;
import io.ponte.api.message.Party;
import io.ponte.api.webhook.WebhookReceiver;
import io.ponte.api.webhook.WebhookResponse;
import io.ponte.api.webhook.WebhookResult;
import io.ponte.hub.testing.TestHub;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A connector that throws, hangs or returns nothing costs its own request or delivery, never the hub. */
class MisbehavingConnectorTest {

    /** {@code mode}: ok, throw, hang or null, for both its webhook and its action. */
    static final class Chaos implements ConnectorFactory {
        static final ConfigField MODE = ConfigField.required("mode", FieldType.STRING, "ok, throw, hang or null");
        @Override
        public ConnectorDescriptor descriptor() {
            return new ConnectorDescriptor("chaos", Category.GENERIC, "Chaos", "misbehaves on purpose",
                    ConfigSpec.of(MODE),
                    List.of("message.inbound"), List.of(new ActionSpec("message.send", "misbehaves", null)));
        }

        @Override
        public Connector open(ConnectorContext context) {
            String mode = context.config().string(MODE);
            return new Connector() {
                @Override
                public Optional<WebhookReceiver> webhook() {
                    return Optional.of(request -> {
                        misbehave(mode);
                        List<EnvelopeDraft> drafts = List.of(EnvelopeDraft.builder("message.inbound",
                                        ChatMessage.inbound(Party.of("1"), new Content.Text("x")))
                                .externalId(request.bodyAsString()).conversationAddress("1").build());
                        return switch (mode) {
                            case "null" -> null;
                            // a status the HTTP server refuses to write: an IllegalArgumentException in the hub
                            case "bad-answer" -> new WebhookResult(drafts, WebhookResponse.json(1000, "{}"));
                            default -> WebhookResult.accepted(drafts);
                        };
                    });
                }

                @Override
                public ActionResult invoke(io.ponte.api.action.ActionRequest request) {
                    misbehave(mode);
                    return mode.equals("null") ? null : ActionResult.delivered("ok");
                }
            };
        }

        private static void misbehave(String mode) {
            if (mode.equals("throw")) {
                throw new IllegalStateException("boom");
            }
            if (mode.equals("hang")) {
                try {
                    Thread.sleep(60_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    private static String connection(TestHub hub, String name, String mode) {
        TestHub.Response r = hub.post("/api/v1/connections", """
                {"connector":"chaos","name":"%s","config":{"mode":"%s"},
                 "delivery":{"retrySchedule":["50ms"],"timeoutSeconds":1}}""".formatted(name, mode));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("id").asText();
    }

    @Test
    void a_throwing_or_empty_webhook_receiver_answers_500_stores_nothing_and_the_hub_stays_up() {
        try (TestHub hub = TestHub.builder().connectors(new Chaos()).start()) {
            for (String mode : List.of("throw", "null")) {
                String id = connection(hub, mode, mode);
                TestHub.Response r = hub.hook(id, "m1");
                assertThat(r.status()).as(mode).isEqualTo(500);
                assertThat(r.json().get("type").asText()).isEqualTo("urn:ponte:problem:connector-failed");
                assertThat(r.body()).doesNotContain("boom");
            }
            String ok = connection(hub, "ok", "ok");
            assertThat(hub.hook(ok, "m1").status()).isEqualTo(200);
            assertThat(hub.events("")).hasSize(1);
            assertThat(hub.get("/health/ready").status()).isEqualTo(200);
        }
    }

    @Test
    void an_unexpected_illegal_argument_is_the_hubs_failure_not_the_callers() {
        try (TestHub hub = TestHub.builder().connectors(new Chaos()).start()) {
            String id = connection(hub, "bad", "bad-answer");
            TestHub.Response r = hub.hook(id, "m1");
            assertThat(r.status()).as("500, so the provider retries; a 400 would make it drop the delivery")
                    .isEqualTo(500);
            assertThat(r.json().get("type").asText()).isEqualTo("urn:ponte:problem:internal");
            assertThat(r.json().get("detail").asText()).isEqualTo("the hub failed on this request; see the hub log");
            assertThat(hub.get("/health/ready").status()).isEqualTo(200);
        }
    }

    @Test
    void a_throwing_hanging_or_empty_action_is_retried_then_dead_while_others_are_delivered() {
        try (TestHub hub = TestHub.builder().connectors(new Chaos()).start()) {
            String in = connection(hub, "in", "ok");
            Map<String, String> targets = Map.of("throw", connection(hub, "t", "throw"),
                    "hang", connection(hub, "h", "hang"), "null", connection(hub, "n", "null"),
                    "ok", connection(hub, "o", "ok"));
            StringBuilder actions = new StringBuilder();
            targets.values().forEach(t -> actions.append(actions.isEmpty() ? "" : ",")
                    .append("{\"target\":\"").append(t).append("\",\"action\":\"message.send\"}"));
            hub.createRoute("{\"name\":\"fan-out\",\"match\":{\"source\":\"" + in + "\"},\"actions\":[" + actions + "]}");

            assertThat(hub.hook(in, "m1").status()).isEqualTo(200);

            TestHub.await("every delivery finished", Duration.ofSeconds(20),
                    () -> hub.deliveries("status=dead").size() == 3 && hub.deliveries("status=delivered").size() == 1);
            assertThat(hub.deliveries("status=delivered").get(0).get("connection").asText()).isEqualTo(targets.get("ok"));
            Map<String, String> errors = new java.util.HashMap<>();
            for (JsonNode d : hub.deliveries("status=dead")) {
                errors.put(d.get("connection").asText(), d.get("lastError").asText());
                assertThat(d.get("attempts").asInt()).isEqualTo(2);
            }
            assertThat(errors.get(targets.get("throw"))).contains("boom");
            assertThat(errors.get(targets.get("hang"))).contains("timed out");
            assertThat(errors.get(targets.get("null"))).contains("no result");
            assertThat(hub.get("/health/ready").status()).isEqualTo(200);
        }
    }
}
