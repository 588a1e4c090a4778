package io.ponte.hub.routing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.ponte.hub.testing.TestDatabase;
import io.ponte.hub.testing.TestHub;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Tenant-written code in routes runs on the webhook's thread: what cannot run within the limits is refused when the
 * route is saved, and what turns out too costly on the data it meets is stopped and recorded on the event.
 */
class RouteLimitsTest {

    private static TestHub hub;
    private static String docs;

    @BeforeAll
    static void start() {
        hub = TestHub.builder().connectors(new DocumentConnector()).start();
        docs = hub.createConnection("document", "docs", Map.of());
    }

    @AfterAll
    static void stop() {
        hub.close();
    }

    static List<TestDatabase> databases() {
        return TestDatabase.all();
    }

    /** {@code template} applied {@code depth} times around {@code innermost}, with iteration variables a, b, c ... */
    private static String nested(String template, int depth, String innermost) {
        String expression = innermost;
        for (int i = depth - 1; i >= 0; i--) {
            expression = template.formatted((char) ('a' + i), expression);
        }
        return expression;
    }

    /** A route from {@code source} whose actions store the given inputs; each test uses a source of its own. */
    private static String routeJson(String source, String condition, String... inputs) {
        String actions = Arrays.stream(inputs).map(input -> """
                {"target":"%s","action":"document.store","input":%s}""".formatted(docs, input))
                .collect(Collectors.joining(","));
        return """
                {"name":"r","match":{"source":"%s"%s},"actions":[%s]}""".formatted(source,
                condition == null ? "" : ",\"condition\":" + TextNode.valueOf(condition), actions);
    }

    private static void assertConditionRefused(String condition, String... reasonParts) {
        int before = hub.get("/api/v1/routes").json().get("items").size();
        TestHub.Response r = hub.post("/api/v1/routes", routeJson(docs, condition, "{}"));
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        JsonNode errors = r.json().get("errors");
        assertThat(errors).hasSize(1);
        assertThat(errors.get(0).get("field").asText()).isEqualTo("match.condition");
        assertThat(errors.get(0).get("message").asText()).contains(reasonParts);
        assertThat(hub.get("/api/v1/routes").json().get("items")).as("nothing stored").hasSize(before);
    }

    @Test
    void refuses_conditions_that_cannot_be_evaluated_within_the_budget_naming_the_field_and_the_reason() {
        assertConditionRefused(nested("[1, 2, 3, 4, 5, 6, 7, 8].all(%s, %s)", 8, "a > 0"),
                "nests comprehensions", "8 deep", "at most 3");
        assertConditionRefused(nested("payload.data.items.exists(%s, %s)", 4, "a == 0"), "4 deep", "at most 3");
        assertConditionRefused("size(" + nested("[1, 2].map(%s, %s)", 26, "a") + ") > 0", "26 deep", "at most 3");
        assertConditionRefused("type == '" + "x".repeat(2_000) + "'", "is 2010 characters long", "at most 2000");
        assertConditionRefused("1" + " + 1".repeat(60) + " > 0", "levels deep", "at most 50");
        String hundred = "[" + "1, ".repeat(99) + "1]";
        assertConditionRefused(hundred + ".all(a, " + hundred + ".all(b, " + hundred + ".all(c, a + b + c > 0)))",
                "estimated cost", "at most 100000");
        assertConditionRefused("payload.data.items.all(x, x.matches(\"(a\" + ", "invalid CEL");
    }

    @Test
    void refuses_templates_that_could_only_fail_or_misrender_when_run_naming_each_field() {
        TestHub.Response r = hub.post("/api/v1/routes", routeJson(docs, null,
                "{\"text\":\"Olá {{payload.data.name\"}",
                "{\"text\":\"{{payload.data.a {{payload.data.b}}\"}",
                "{\"blocks\":[{\"body\":\"ok\"},{\"body\":\"{{#payload}}{{> footer}}{{/payload}}\"}]}",
                "{\"page\":\"{{< base}}{{$ title}}x{{/ title}}{{/ base}}\"}",
                "{\"text\":\"{{=<% %>=}}<% payload %>\"}",
                "{\"text\":\"fine: {{payload.data.name}}\"}"));
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        List<String> fields = new ArrayList<>();
        List<String> messages = new ArrayList<>();
        r.json().get("errors").forEach(e -> {
            fields.add(e.get("field").asText());
            messages.add(e.get("message").asText());
        });
        assertThat(fields).containsExactly("actions[0].input.text", "actions[1].input.text",
                "actions[2].input.blocks[1].body", "actions[3].input.page", "actions[4].input.text");
        List<String> reasons = List.of("unclosed tag '{{payload.data.name'", "unclosed tag '{{payload.data.a'",
                "partials ({{> footer}}) are not supported", "parent templates ({{< base}})", "delimiters");
        for (int i = 0; i < reasons.size(); i++) {
            assertThat(messages.get(i)).contains(reasons.get(i));
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void a_condition_too_costly_for_the_data_it_meets_is_stopped_and_recorded_while_other_routes_deliver(
            TestDatabase db) {
        try (TestHub own = TestHub.builder().database(db).connectors(new DocumentConnector()).start()) {
            String source = own.createConnection("document", "docs", Map.of());
            // within the save-time limits (three deep, ten items each as estimated); 300 items make 27 million
            String costly = own.createRoute("""
                    {"name":"costly","match":{"source":"%s","condition":"%s"},
                     "actions":[{"target":"%s","action":"document.store","input":{"route":"costly"}}]}"""
                    .formatted(source, nested("payload.data.items.all(%s, %s)", 3, "a + b + c >= 0"), source));
            String cheap = own.createRoute("""
                    {"name":"cheap","match":{"source":"%s","condition":"size(payload.data.items) > 0"},
                     "actions":[{"target":"%s","action":"document.store","input":{"route":"cheap"}}]}"""
                    .formatted(source, source));

            TestHub.Response r = own.hook(source, "{\"id\":\"d1\",\"items\":" + numbers(300) + "}");

            assertThat(r.status()).as(r.body()).isEqualTo(200);
            JsonNode event = own.events("connection=" + source).get(0);
            assertThat(event.get("routeError").asText()).startsWith("route " + costly + ": condition stopped: it took ");
            assertThat(event.get("deliveryCount").asInt()).isEqualTo(1);
            TestHub.await("the other route's delivery", Duration.ofSeconds(10),
                    () -> own.deliveries("status=delivered").size() == 1);
            assertThat(own.deliveries("").get(0).get("route").asText()).isEqualTo(cheap);
            assertThat(own.get("/health/ready").status()).isEqualTo(200);
        }
    }

    @Test
    void a_condition_that_runs_past_its_deadline_is_stopped_and_recorded() {
        // few steps, each comparing two long lists element by element: only the clock stops it
        String slow = hub.createConnection("document", "slow", Map.of());
        String route = hub.createRoute(routeJson(slow,
                "payload.data.few.exists(x, payload.data.long == payload.data.other)", "{}"));

        TestHub.Response r = hub.hook(slow, "{\"id\":\"slow\",\"few\":" + numbers(1_000) + ",\"long\":"
                + numbers(100_000) + ",\"other\":" + numbers(100_000).replace(",99999]", ",-1]") + "}");

        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode event = hub.events("connection=" + slow).get(0);
        assertThat(event.get("routeError").asText())
                .isEqualTo("route " + route + ": condition stopped: it took longer than 50 ms");
        assertThat(event.get("deliveryCount").asInt()).isZero();
    }

    @Test
    void a_condition_that_would_read_or_build_too_much_is_stopped_before_it_does() {
        String texts = hub.createConnection("document", "texts", Map.of());
        String regex = hub.createRoute(routeJson(texts, "payload.data.text.matches('(a|b)+c')", "{}"));
        String doubling = hub.createRoute(routeJson(texts,
                "[payload.data.text + payload.data.text + payload.data.text + payload.data.text].exists(s, s == '')",
                "{}"));

        TestHub.Response r = hub.hook(texts, "{\"id\":\"long\",\"text\":\"" + "ab".repeat(550_000) + "\"}");

        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(hub.events("connection=" + texts).get(0).get("routeError").asText()).isEqualTo(
                "route " + regex + ": condition stopped: it took more than 100000 expression steps; route " + doubling
                        + ": condition stopped: it built a value of 4400000 characters or items; at most 4194304");
    }

    @Test
    void templates_too_costly_for_the_data_are_stopped_and_a_route_delivers_all_its_actions_or_none() {
        String big = hub.createConnection("document", "big", Map.of());
        String capped = hub.createRoute(routeJson(big, null, "{\"ok\":\"{{payload.data.id}}\"}",
                "{\"all\":\"{{#payload.data.items}}{{{payload}}}{{/payload.data.items}}\"}"));
        String looping = hub.createRoute(routeJson(big, null, "{\"loops\":\""
                + nested("{{#payload.data.items}}%2$s{{/payload.data.items}}", 3, "") + "\"}"));

        TestHub.Response r = hub.hook(big, "{\"id\":\"big\",\"items\":" + numbers(100) + ",\"padding\":\""
                + "x".repeat(5_000) + "\"}");

        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode event = hub.events("connection=" + big).get(0);
        assertThat(event.get("routeError").asText()).contains("route " + capped
                + ": actions[1].input.all: stopped: the input rendered more than 262144 characters")
                .contains("route " + looping + ": actions[0].input.loops: stopped: the input took ");
        assertThat(event.get("deliveryCount").asInt()).as("not the first action of the capped route alone").isZero();
    }

    @Test
    void templates_read_only_data_and_write_maps_and_lists_as_json() {
        String plain = hub.createConnection("document", "plain", Map.of());
        String route = hub.createRoute(routeJson(plain, null, """
                {"doc":"{{{payload.data}}}","items":"{{payload.data.items}}","first":"{{payload.data.items.0}}",
                 "each":"{{#payload.data.people}}{{.}};{{/payload.data.people}}",
                 "noMethods":"[{{type.length}}{{type.bytes}}{{payload.data.getClass}}{{payload.data.items.size}}]"}"""));
        String body = "{\"id\":\"plain\",\"items\":[1,2,3],\"people\":[{\"name\":\"Ana\"},{\"name\":\"Bia\"}]}";

        assertThat(hub.hook(plain, body).status()).isEqualTo(200);

        TestHub.await("the delivery", Duration.ofSeconds(10), () -> !hub.deliveries("route=" + route).isEmpty());
        JsonNode input = hub.deliveries("route=" + route).get(0).get("input");
        assertThat(TestHub.parse(input.get("doc").asText())).isEqualTo(TestHub.parse(body));
        assertThat(input.get("items").asText()).isEqualTo("[1,2,3]");
        assertThat(input.get("first").asText()).isEqualTo("1");
        assertThat(input.get("each").asText()).isEqualTo("{\"name\":\"Ana\"};{\"name\":\"Bia\"};");
        assertThat(input.get("noMethods").asText()).isEqualTo("[]");
    }

    private static String numbers(int n) {
        List<String> items = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            items.add(Integer.toString(i));
        }
        return "[" + String.join(",", items) + "]";
    }
}
