package io.ponte.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ponte.hub.testing.HttpSink;
import io.ponte.hub.testing.HttpSink.Answer;
import io.ponte.hub.testing.TestDatabase;
import io.ponte.hub.testing.TestHub;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The pipeline end to end: webhook → inbox → router → outbox → dispatcher → sink, on H2 and PostgreSQL. */
class PipelineIT {

    private static final Duration WAIT = Duration.ofSeconds(20);

    static List<TestDatabase> databases() {
        return TestDatabase.all();
    }

    private static TestHub hub(TestDatabase db) {
        return TestHub.builder().database(db).pluginsDir(Distribution.plugins()).start();
    }

    private static String echoRoute(String in, String out) {
        return """
                {"name":"echo","match":{"source":"%s","type":"message.inbound"},
                 "actions":[{"target":"%s","action":"message.send",
                             "input":{"to":"{{payload.from.address}}","text":"echo: {{payload.content.text}}",
                                      "name":"{{payload.from.name}}"}}]}""".formatted(in, out);
    }

    private static String message(String id, String from, String text) {
        return "{\"id\":\"%s\",\"from\":\"%s\",\"name\":\"Ana\",\"text\":\"%s\"}".formatted(id, from, text);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void delivers_an_inbound_message_through_a_templated_route(TestDatabase db) {
        try (HttpSink sink = new HttpSink(); TestHub hub = hub(db)) {
            String in = hub.createConnection("http", "inbound", Map.of());
            String out = hub.createConnection("http", "outbound", Map.of("url", sink.url("/msg")));
            hub.createRoute(echoRoute(in, out));

            TestHub.Response r = hub.hook(in, message("m1", "5511999990001", "oi"));

            assertThat(r.status()).as(r.body()).isEqualTo(200);
            assertThat(r.json().get("received").asInt()).isEqualTo(1);
            TestHub.await("the sink to get the message", WAIT, () -> sink.count() == 1);
            HttpSink.Received got = sink.received().get(0);
            assertThat(got.json().get("to").asText()).isEqualTo("5511999990001");
            assertThat(got.json().get("text").asText()).isEqualTo("echo: oi");
            assertThat(got.json().get("name").asText()).isEqualTo("Ana");
            TestHub.await("the delivery to be recorded", WAIT,
                    () -> hub.deliveries("status=delivered").size() == 1);
            JsonNode delivery = hub.deliveries("").get(0);
            assertThat(got.header("webhook-id")).isEqualTo(delivery.get("id").asText());
            assertThat(got.json().get("deliveryId").asText()).isEqualTo(delivery.get("id").asText());
            assertThat(delivery.get("externalRef").asText()).isEqualTo("ext-1");
            assertThat(delivery.get("attempts").asInt()).isEqualTo(1);

            JsonNode event = hub.get("/api/v1/events/" + delivery.get("event").asText()).json();
            JsonNode envelope = event.get("envelope");
            assertThat(envelope.get("tenant").asText()).isEqualTo("default");
            assertThat(envelope.get("type").asText()).isEqualTo("message.inbound");
            assertThat(envelope.get("source").asText()).isEqualTo(in);
            assertThat(envelope.get("externalId").asText()).isEqualTo("m1");
            assertThat(envelope.get("conversation").asText()).isEqualTo(in + ":5511999990001");
            assertThat(envelope.at("/payload/kind").asText()).isEqualTo("chat");
            assertThat(envelope.at("/payload/from/address").asText()).isEqualTo("5511999990001");
            assertThat(envelope.at("/payload/from/name").asText()).isEqualTo("Ana");
            assertThat(envelope.at("/payload/content/kind").asText()).isEqualTo("text");
            assertThat(envelope.at("/payload/content/text").asText()).isEqualTo("oi");
            assertThat(envelope.get("attributes").isObject()).isTrue();
            assertThat(got.json().get("eventId").asText()).isEqualTo(envelope.get("id").asText());
            assertThat(event.get("deliveries")).hasSize(1);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void routes_only_what_the_cel_condition_accepts(TestDatabase db) {
        try (HttpSink sales = new HttpSink(); HttpSink support = new HttpSink(); TestHub hub = hub(db)) {
            String in = hub.createConnection("http", "inbound", Map.of());
            String toSales = hub.createConnection("http", "sales", Map.of("url", sales.url("/s")));
            String toSupport = hub.createConnection("http", "support", Map.of("url", support.url("/s")));
            hub.createRoute("""
                    {"name":"sales","match":{"source":"%s","condition":"payload.content.text.contains('preço')"},
                     "actions":[{"target":"%s","action":"message.send","input":{"text":"{{payload.content.text}}"}}]}
                    """.formatted(in, toSales));
            hub.createRoute("""
                    {"name":"support","match":{"type":"message.inbound",
                       "condition":"has(payload.content.text) && payload.content.text.startsWith('ajuda')"},
                     "actions":[{"target":"%s","action":"message.send","input":{"text":"{{payload.content.text}}"}}]}
                    """.formatted(toSupport));

            hub.hook(in, message("a", "1", "qual o preço?"));
            hub.hook(in, message("b", "2", "ajuda com meu pedido"));
            hub.hook(in, message("c", "3", "bom dia"));

            TestHub.await("both routed messages", WAIT, () -> sales.count() == 1 && support.count() == 1);
            assertThat(sales.received().get(0).json().get("text").asText()).isEqualTo("qual o preço?");
            assertThat(support.received().get(0).json().get("text").asText()).isEqualTo("ajuda com meu pedido");
            List<JsonNode> events = hub.events("connection=" + in);
            assertThat(events).hasSize(3);
            assertThat(events).filteredOn(e -> e.get("externalId").asText().equals("c"))
                    .singleElement().satisfies(e -> assertThat(e.get("deliveryCount").asInt()).isZero());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void acknowledges_a_duplicate_webhook_and_ignores_it(TestDatabase db) {
        try (HttpSink sink = new HttpSink(); TestHub hub = hub(db)) {
            String in = hub.createConnection("http", "inbound", Map.of());
            String out = hub.createConnection("http", "outbound", Map.of("url", sink.url("/msg")));
            hub.createRoute(echoRoute(in, out));

            assertThat(hub.hook(in, message("dup", "1", "first")).status()).isEqualTo(200);
            assertThat(hub.hook(in, message("dup", "1", "retry of first")).status()).isEqualTo(200);
            assertThat(hub.hook(in, "[" + message("dup", "1", "x") + "," + message("new", "1", "y") + "]").status())
                    .isEqualTo(200);

            TestHub.await("two deliveries", WAIT, () -> sink.count() == 2);
            assertThat(hub.events("connection=" + in)).extracting(e -> e.get("externalId").asText())
                    .containsExactlyInAnyOrder("dup", "new");
            assertThat(hub.deliveries("")).hasSize(2);
            assertThat(hub.get("/metrics").body()).contains("outcome=\"duplicate\"");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void keeps_each_conversation_in_order_while_conversations_run_in_parallel(TestDatabase db) throws Exception {
        int conversations = 4;
        int perConversation = 15;
        Map<String, List<Integer>> seen = new ConcurrentHashMap<>();
        AtomicInteger concurrent = new AtomicInteger();
        AtomicInteger maxConcurrent = new AtomicInteger();
        try (HttpSink sink = new HttpSink(); TestHub hub = hub(db)) {
            sink.respond(req -> {
                int now = concurrent.incrementAndGet();
                maxConcurrent.accumulateAndGet(now, Math::max);
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                JsonNode body = req.json();
                seen.computeIfAbsent(body.get("to").asText(), k -> java.util.Collections.synchronizedList(new ArrayList<>()))
                        .add(body.get("text").asInt());
                concurrent.decrementAndGet();
                return Answer.ok();
            });
            String in = hub.createConnection("http", "inbound", Map.of());
            String out = hub.createConnection("http", "outbound", Map.of("url", sink.url("/msg")));
            hub.createRoute("""
                    {"name":"fwd","match":{"source":"%s"},
                     "actions":[{"target":"%s","action":"message.send",
                                 "input":{"to":"{{payload.from.address}}","text":"{{payload.content.text}}"}}]}
                    """.formatted(in, out));

            // Each conversation's messages are sent in order; the conversations are interleaved concurrently.
            List<Thread> senders = IntStream.range(0, conversations).mapToObj(c -> Thread.ofVirtual().start(() -> {
                for (int i = 0; i < perConversation; i++) {
                    TestHub.Response r = hub.hook(in, message("c" + c + "-" + i, "contact" + c, Integer.toString(i)));
                    assertThat(r.status()).isEqualTo(200);
                }
            })).toList();
            for (Thread t : senders) {
                t.join();
            }

            TestHub.await("every message", WAIT, () -> sink.count() == conversations * perConversation);
            for (int c = 0; c < conversations; c++) {
                assertThat(seen.get("contact" + c)).as("conversation " + c)
                        .containsExactlyElementsOf(IntStream.range(0, perConversation).boxed().toList());
            }
            assertThat(maxConcurrent.get()).as("conversations delivered in parallel").isGreaterThan(1);
            // the outbound client keeps its connections alive: a few opened for 60 deliveries, not one each
            assertThat(hub.metric("ponte_outbound_connections_opened_total")).isBetween(1.0,
                    (double) conversations * 3);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void retries_a_failing_receiver_until_it_answers(TestDatabase db) {
        AtomicInteger calls = new AtomicInteger();
        try (HttpSink sink = new HttpSink(); TestHub hub = hub(db)) {
            sink.respond(req -> calls.incrementAndGet() <= 2 ? Answer.status(503) : Answer.ok());
            String in = hub.createConnection("http", "inbound", Map.of());
            String out = createWithSchedule(hub, sink.url("/msg"), "[\"100ms\",\"100ms\",\"100ms\"]");
            hub.createRoute(echoRoute(in, out));

            hub.hook(in, message("r1", "1", "hello"));

            TestHub.await("the delivery after two failures", WAIT, () -> sink.count() == 1);
            TestHub.await("the delivered status", WAIT, () -> hub.deliveries("status=delivered").size() == 1);
            JsonNode d = hub.deliveries("").get(0);
            assertThat(d.get("attempts").asInt()).isEqualTo(3);
            assertThat(calls.get()).isEqualTo(3);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void dead_letters_after_the_attempt_budget_and_retries_on_request(TestDatabase db) {
        AtomicInteger calls = new AtomicInteger();
        try (HttpSink sink = new HttpSink(); TestHub hub = hub(db)) {
            sink.respond(req -> {
                calls.incrementAndGet();
                return Answer.status(500);
            });
            String in = hub.createConnection("http", "inbound", Map.of());
            String out = createWithSchedule(hub, sink.url("/msg"), "[\"50ms\",\"50ms\"]");
            hub.createRoute(echoRoute(in, out));

            hub.hook(in, message("d1", "1", "hello"));

            TestHub.await("the dead delivery", WAIT, () -> hub.deliveries("status=dead").size() == 1);
            JsonNode dead = hub.deliveries("status=dead").get(0);
            assertThat(dead.get("attempts").asInt()).isEqualTo(3);
            assertThat(dead.get("lastError").asText()).contains("gave up after 3 attempts").contains("HTTP 500");
            assertThat(calls.get()).isEqualTo(3);

            sink.respond(req -> Answer.ok());
            TestHub.Response retry = hub.post("/api/v1/deliveries/" + dead.get("id").asText() + "/retry", "{}");
            assertThat(retry.status()).as(retry.body()).isEqualTo(202);
            TestHub.await("the retried delivery", WAIT, () -> sink.count() == 1);
            TestHub.await("the delivered status", WAIT, () -> hub.deliveries("status=delivered").size() == 1);
            assertThat(hub.post("/api/v1/deliveries/" + dead.get("id").asText() + "/retry", "{}").status())
                    .isEqualTo(409);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void a_permanent_failure_is_dead_at_once(TestDatabase db) {
        try (HttpSink sink = new HttpSink(); TestHub hub = hub(db)) {
            sink.respond(req -> new Answer(422, "{\"error\":\"invalid phone\"}", Map.of()));
            String in = hub.createConnection("http", "inbound", Map.of());
            String out = hub.createConnection("http", "outbound", Map.of("url", sink.url("/msg")));
            hub.createRoute(echoRoute(in, out));

            hub.hook(in, message("p1", "1", "hello"));

            TestHub.await("the dead delivery", WAIT, () -> hub.deliveries("status=dead").size() == 1);
            JsonNode dead = hub.deliveries("status=dead").get(0);
            assertThat(dead.get("attempts").asInt()).isEqualTo(1);
            assertThat(dead.get("lastError").asText()).contains("HTTP 422").contains("invalid phone");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void delivers_an_outbound_message_through_its_conversation_channel_without_a_route(TestDatabase db) {
        try (HttpSink channel = new HttpSink(); TestHub hub = hub(db)) {
            String whatsappLike = hub.createConnection("http", "channel", Map.of("url", channel.url("/send")));
            String agent = hub.createConnection("http", "agent", Map.of());

            TestHub.Response r = hub.hook(agent, """
                    {"type":"message.outbound","id":"reply-1","conversation":"%s:5511999990001","text":"olá, Ana"}
                    """.formatted(whatsappLike));

            assertThat(r.status()).as(r.body()).isEqualTo(200);
            TestHub.await("the reply at the channel", WAIT, () -> channel.count() == 1);
            JsonNode sent = channel.received().get(0).json();
            assertThat(sent.get("to").asText()).isEqualTo("5511999990001");
            assertThat(sent.get("text").asText()).isEqualTo("olá, Ana");
            assertThat(sent.get("conversation").asText()).isEqualTo(whatsappLike + ":5511999990001");
            assertThat(hub.deliveries("").get(0).has("route")).isFalse();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void resumes_pending_deliveries_after_a_restart(TestDatabase db) {
        try (HttpSink sink = new HttpSink(); TestHub hub = hub(db)) {
            sink.respond(req -> Answer.status(503));
            String in = hub.createConnection("http", "inbound", Map.of());
            String out = createWithSchedule(hub, sink.url("/msg"), "[\"200ms\",\"200ms\",\"200ms\",\"200ms\",\"200ms\",\"200ms\",\"200ms\",\"200ms\",\"200ms\",\"200ms\",\"200ms\",\"200ms\",\"200ms\",\"200ms\",\"200ms\",\"200ms\",\"200ms\",\"200ms\",\"200ms\",\"200ms\",\"200ms\",\"200ms\",\"200ms\",\"200ms\",\"200ms\",\"200ms\",\"200ms\",\"200ms\",\"200ms\",\"200ms\",\"200ms\",\"200ms\",\"200ms\",\"200ms\",\"200ms\",\"200ms\",\"200ms\",\"200ms\",\"200ms\",\"200ms\",\"200ms\",\"200ms\",\"200ms\",\"200ms\",\"200ms\",\"200ms\",\"200ms\",\"200ms\",\"200ms\",\"200ms\"]");
            hub.createRoute(echoRoute(in, out));
            for (int i = 0; i < 5; i++) {
                assertThat(hub.hook(in, message("s" + i, "c" + i, "m" + i)).status()).isEqualTo(200);
            }
            TestHub.await("failed first attempts", WAIT, () -> hub.deliveries("status=pending").size()
                    + hub.deliveries("status=inflight").size() == 5);

            hub.restart();
            sink.respond(req -> Answer.ok());

            TestHub.await("every delivery after the restart", WAIT, () -> sink.count() == 5);
            TestHub.await("delivered statuses", WAIT, () -> hub.deliveries("status=delivered").size() == 5);
            assertThat(hub.events("connection=" + in)).hasSize(5);
        }
    }

    /**
     * A flaky target retried on {@code schedule}; its circuit, opened by the failures these tests cause on purpose,
     * probes again after a second, on the scale of the schedule (held deliveries wait for the probe, restart or not).
     */
    private static String createWithSchedule(TestHub hub, String url, String schedule) {
        TestHub.Response r = hub.post("/api/v1/connections", """
                {"connector":"http","name":"flaky","config":{"url":"%s"},
                 "delivery":{"retrySchedule":%s,"timeoutSeconds":5,"breaker":{"openSeconds":1}}}"""
                .formatted(url, schedule));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("id").asText();
    }
}
