package io.ponte.hub.conversations;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ponte.hub.testing.TestHub;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /api/v1/routes/test}: the router's own evaluation of a new or stored route on a stored or given
 * envelope, with compile errors located, nothing stored or delivered, and nothing of another tenant reachable.
 */
class RouteTestTest {

    @Test
    void runs_a_route_on_an_event_as_routing_would_and_stores_nothing() {
        try (TestHub hub = TestHub.builder().connectors(new ChatConnector()).start()) {
            String chat = hub.createConnection("chat", "chat", Map.of());
            hub.hook(chat, "[{\"kind\":\"message\",\"id\":\"m1\",\"from\":\"11\",\"text\":\"oi\"}]");
            TestHub.await("the event", Duration.ofSeconds(10), () -> hub.events("").size() == 1);
            String event = hub.events("").get(0).get("id").asText();

            JsonNode matching = test(hub, route(chat, "payload.content.text == 'oi'",
                    "echo {{payload.content.text}}"), "eventId", event);
            assertThat(matching.get("matches").asBoolean()).isTrue();
            assertThat(matching.get("error").isNull()).isTrue();
            assertThat(matching.at("/inputs/0/target").asText()).isEqualTo(chat);
            assertThat(matching.at("/inputs/0/action").asText()).isEqualTo("message.send");
            assertThat(matching.at("/inputs/0/input/to").asText()).isEqualTo("11");
            assertThat(matching.at("/inputs/0/input/text").asText()).isEqualTo("echo oi");

            JsonNode other = test(hub, route(chat, "payload.content.text == 'tchau'", "x"), "eventId", event);
            assertThat(other.get("matches").asBoolean()).isFalse();
            assertThat(other.get("inputs").isNull()).isTrue();
            assertThat(other.get("error").isNull()).isTrue();

            JsonNode badCel = test(hub, route(chat, "type == 'message.inbound' &&\n  nope > 1", "x"), "eventId", event);
            assertThat(badCel.get("matches").asBoolean()).isFalse();
            assertThat(badCel.at("/error/field").asText()).isEqualTo("condition");
            assertThat(badCel.at("/error/message").asText()).contains("undeclared reference to 'nope'");
            assertThat(badCel.at("/error/line").asInt()).isEqualTo(2);
            assertThat(badCel.at("/error/column").asInt()).isEqualTo(3);

            JsonNode badTemplate = test(hub, route(chat, null, "fine\n{{#payload}} never closed"), "eventId", event);
            assertThat(badTemplate.at("/error/field").asText()).isEqualTo("input");
            assertThat(badTemplate.at("/error/message").asText()).contains("actions[0].input.text");
            assertThat(badTemplate.at("/error/line").asInt()).isEqualTo(2);

            // a stored route on a made-up envelope (an event's, edited)
            String stored = hub.createRoute(route(chat, "payload.content.text.startsWith('hel')", "hi").toString());
            ObjectNode envelope = (ObjectNode) hub.get("/api/v1/events/" + event).json().get("envelope").deepCopy();
            ((ObjectNode) envelope.with("payload").with("content")).put("text", "hello");
            ObjectNode byId = TestHub.parse("{}").deepCopy();
            byId.put("routeId", stored).set("envelope", envelope);
            TestHub.Response r = hub.post("/api/v1/routes/test", byId);
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            assertThat(r.json().get("matches").asBoolean()).isTrue();
            assertThat(r.json().at("/inputs/0/input/text").asText()).isEqualTo("hi");

            // not a route: 422 naming the field
            ObjectNode noActions = TestHub.parse("{\"route\":{\"name\":\"x\",\"actions\":[]}}").deepCopy();
            noActions.put("eventId", event);
            TestHub.Response invalid = hub.post("/api/v1/routes/test", noActions);
            assertThat(invalid.status()).isEqualTo(422);
            assertThat(invalid.header("Content-Type")).startsWith("application/problem+json");
            assertThat(invalid.json().at("/errors/0/field").asText()).isEqualTo("actions");

            // another tenant's key: the event and the route are as missing as unknown ones
            String tenant = hub.post("/api/v1/tenants", TestHub.parse("{\"name\":\"B\"}")).json().get("id").asText();
            String key = hub.post("/api/v1/api-keys", TestHub.parse("{\"name\":\"k\",\"role\":\"write\",\"tenant\":\""
                    + tenant + "\"}")).json().get("token").asText();
            TestHub.Response foreignEvent = hub.call(key, "POST", "/api/v1/routes/test",
                    "{\"route\":{\"name\":\"x\",\"actions\":[]},\"eventId\":\"" + event + "\"}");
            assertThat(foreignEvent.status()).isEqualTo(404);
            TestHub.Response foreignRoute = hub.call(key, "POST", "/api/v1/routes/test",
                    "{\"routeId\":\"" + stored + "\",\"envelope\":" + envelope + "}");
            assertThat(foreignRoute.status()).isEqualTo(404);
            assertThat(hub.call(key, "POST", "/api/v1/routes/test", "{\"routeId\":\"rte_missing\",\"envelope\":"
                    + envelope + "}").body()).isEqualTo(foreignRoute.body().replace(stored, "rte_missing"));

            // nothing was delivered or stored by any of it
            assertThat(hub.deliveries("")).isEmpty();
            assertThat(hub.events("")).hasSize(1);
        }
    }

    private static ObjectNode route(String chat, String condition, String text) {
        ObjectNode route = TestHub.parse("""
                {"name":"echo","match":{"source":"%s","type":"message.inbound"},
                 "actions":[{"target":"%s","action":"message.send","input":{"to":"{{payload.from.address}}"}}]}"""
                .formatted(chat, chat)).deepCopy();
        if (condition != null) {
            ((ObjectNode) route.get("match")).put("condition", condition);
        }
        ((ObjectNode) route.at("/actions/0/input")).put("text", text);
        return route;
    }

    private static JsonNode test(TestHub hub, ObjectNode route, String by, String id) {
        ObjectNode body = TestHub.parse("{}").deepCopy();
        body.set("route", route);
        body.put(by, id);
        TestHub.Response r = hub.post("/api/v1/routes/test", body);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }
}
