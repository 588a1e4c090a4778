package io.ponte.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ponte.hub.testing.HttpSink;
import io.ponte.hub.testing.TestDatabase;
import io.ponte.hub.testing.TestHub;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Two real hub processes ({@code java -jar ponte.jar}) on one PostgreSQL. 24 contacts each post 25 messages in order to
 * either node (a provider retrying on the other node when one does not answer). Node A is killed with SIGKILL mid-load
 * and restarted, then the database cuts every hub connection (as a PostgreSQL restart or failover does). Every
 * acknowledged message must arrive, each conversation in order, every repeat under its first {@code webhook-id}, and
 * both nodes must have delivered a share.
 */
class ClusterIT {

    private static final int CONTACTS = 24;
    private static final int PER_CONTACT = 25;
    private static final String APP = "ponte-cluster-it";
    private static final Pattern ATTEMPTS = Pattern.compile(
            "^ponte_delivery_attempts_total\\{[^}]*outcome=\"(?:ok|success|delivered)\"[^}]*} ([0-9.E]+)$",
            Pattern.MULTILINE);

    /** One arrival at the target: the message and the id the hub signed it with. */
    private record Arrival(String text, String webhookId) {
    }

    @Test
    void every_acknowledged_message_arrives_in_order_across_a_kill_9_and_dropped_database_connections()
            throws Exception {
        TestDatabase pg = TestDatabase.all().stream().skip(1).findFirst().orElse(null);
        assumeTrue(pg != null, "needs PostgreSQL: set " + TestDatabase.PG_ENV);
        Nodes pair = twoNodes(pg, "ponte-cluster-");
        String url = pair.url();
        List<Arrival> arrivals = new CopyOnWriteArrayList<>();
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

        try (HttpSink sink = new HttpSink(); ChildHub a = pair.a(); ChildHub b = pair.b()) {
            sink.respond(r -> {
                arrivals.add(new Arrival(r.json().get("text").asText(), r.header("webhook-id")));
                return HttpSink.Answer.ok();
            });
            String[] relay = relay(client, a, sink, ",\"secret\":\"whsec_" + Base64.getEncoder()
                    .encodeToString("cluster-it-signing-secret".getBytes()) + "\"");
            String in = relay[0];
            b.start();

            Set<String> acknowledged = ConcurrentHashMap.newKeySet();
            AtomicInteger acks = new AtomicInteger();
            List<ChildHub> nodes = List.of(a, b);
            List<Thread> contacts = new ArrayList<>();
            for (int c = 0; c < CONTACTS; c++) {
                int contact = c;
                contacts.add(Thread.ofVirtual().start(() -> {
                    for (int n = 1; n <= PER_CONTACT; n++) {
                        String id = "c" + contact + "-" + n;
                        String body = "{\"id\":\"%s\",\"from\":\"c%d\",\"text\":\"%s\"}".formatted(id, contact, id);
                        // like a provider: retry the same message (same id) until a node acknowledges it
                        for (int attempt = 0; ; attempt++) {
                            ChildHub node = nodes.get((contact + n + attempt) % 2);
                            try {
                                HttpResponse<String> r = ChildHub.post(client, node.url("/hooks/" + in), body,
                                        false);
                                if (r.statusCode() == 200) {
                                    acknowledged.add(id);
                                    acks.incrementAndGet();
                                    break;
                                }
                            } catch (Exception e) {
                                // that node is down: the other one
                            }
                            sleep(50);
                        }
                    }
                }));
            }

            TestHub.await("150 acknowledged messages", Duration.ofSeconds(120), () -> acks.get() >= 150);
            double aBeforeKill = delivered(client, a);
            a.kill();
            TestHub.await("300 acknowledged messages with node A dead", Duration.ofSeconds(120),
                    () -> acks.get() >= 300);
            a.start();
            TestHub.await("420 acknowledged messages", Duration.ofSeconds(120), () -> acks.get() >= 420);
            int cut = terminateHubConnections(pg);
            assertThat(cut).as("hub connections the database dropped").isPositive();
            for (Thread t : contacts) {
                t.join(Duration.ofMinutes(3));
                assertThat(t.isAlive()).as("a contact's messages could not all be acknowledged").isFalse();
            }
            long recovered = System.nanoTime();
            try {
                TestHub.await("every acknowledged message delivered", Duration.ofSeconds(60), () -> arrivals.stream()
                        .map(Arrival::text).collect(java.util.stream.Collectors.toSet()).containsAll(acknowledged));
            } catch (RuntimeException | AssertionError e) {
                Set<String> missing = new java.util.TreeSet<>(acknowledged);
                arrivals.forEach(x -> missing.remove(x.text()));
                throw new AssertionError(missing.size() + " acknowledged messages never arrived: " + missing
                        + "; their state in the database: " + diagnose(url, missing), e);
            }
            long tail = Duration.ofNanos(System.nanoTime() - recovered).toMillis();

            assertThat(acknowledged).hasSize(CONTACTS * PER_CONTACT);
            Map<String, String> firstId = new LinkedHashMap<>();
            Map<String, Integer> lastSeq = new LinkedHashMap<>();
            int repeats = 0;
            for (Arrival arrival : arrivals) {
                String previous = firstId.putIfAbsent(arrival.text(), arrival.webhookId());
                if (previous != null) {
                    repeats++;
                    assertThat(arrival.webhookId()).as("a repeat of " + arrival.text() + " keeps its webhook-id")
                            .isEqualTo(previous);
                    continue;
                }
                String[] parts = arrival.text().split("-");
                int seq = Integer.parseInt(parts[1]);
                Integer last = lastSeq.put(parts[0], seq);
                if (last != null && last >= seq) {
                    // seen once in many runs (stop 24) and not understood: keep everything that could explain it
                    String conversation = parts[0];
                    List<String> order = arrivals.stream().filter(x -> x.text().startsWith(conversation + "-"))
                            .map(x -> x.text() + "@" + x.webhookId()).toList();
                    Set<String> all = new java.util.TreeSet<>();
                    for (int n = 1; n <= PER_CONTACT; n++) {
                        all.add(conversation + "-" + n);
                    }
                    throw new AssertionError("conversation " + conversation + " out of order: " + seq
                            + " first arrived after " + last + "; its arrivals, in order: " + order
                            + "; its deliveries in the database:" + diagnose(url, all));
                }
            }
            double aAfter = delivered(client, a);
            double bTotal = delivered(client, b);
            System.out.printf("ClusterIT: %d messages, %d repeats, last ones delivered %d ms after the senders "
                            + "finished; deliveries by node: A %.0f before the kill + %.0f after the restart, B %.0f; "
                            + "%d database connections cut%n", acknowledged.size(), repeats, tail, aBeforeKill,
                    aAfter, bTotal, cut);
            assertThat(aBeforeKill + aAfter).as("node A delivered a share").isPositive();
            assertThat(bTotal).as("node B delivered a share").isPositive();
        }
    }

    /** Where the given messages are stuck: their events and deliveries as the database holds them. */
    private static String diagnose(String url, Set<String> missing) {
        StringBuilder out = new StringBuilder();
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            long now = System.currentTimeMillis();
            for (String text : missing.stream().limit(PER_CONTACT).toList()) {
                try (ResultSet r = s.executeQuery("SELECT e.id, d.status, d.attempts, d.lease_owner, "
                        + "d.next_attempt_at, d.last_error, d.ordering_key, q.unfinished FROM events e "
                        + "LEFT JOIN deliveries d ON d.event_id = e.id LEFT JOIN delivery_queues q "
                        + "ON q.ordering_key = d.ordering_key WHERE e.external_id = '" + text + "'")) {
                    out.append("\n  ").append(text).append(':');
                    boolean any = false;
                    while (r.next()) {
                        any = true;
                        out.append(" event ").append(r.getString(1)).append(" delivery ").append(r.getString(2))
                                .append(" attempts ").append(r.getInt(3)).append(" lease ").append(r.getString(4))
                                .append(" due in ").append(r.getLong(5) - now).append(" ms error ")
                                .append(r.getString(6)).append(" key ").append(r.getString(7))
                                .append(" unfinished ").append(r.getString(8));
                    }
                    if (!any) {
                        out.append(" NO EVENT STORED");
                    }
                }
            }
        } catch (Exception e) {
            out.append(" (could not read the database: ").append(e).append(')');
        }
        return out.toString();
    }

    /** What a node has delivered, from its own metrics. */
    private static double delivered(HttpClient client, ChildHub hub) throws Exception {
        HttpResponse<String> r = null;
        // right after the database dropped every connection, a request may meet a dead one: 503, try again
        for (int attempt = 0; attempt < 10 && (r == null || r.statusCode() == 503); attempt++) {
            if (r != null) {
                sleep(1000);
            }
            r = client.send(HttpRequest.newBuilder(URI.create(hub.url("/metrics")))
                    .header("Authorization", "Bearer " + TestHub.ADMIN_TOKEN).build(),
                    HttpResponse.BodyHandlers.ofString());
        }
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        double sum = 0;
        Matcher m = ATTEMPTS.matcher(r.body());
        while (m.find()) {
            sum += Double.parseDouble(m.group(1));
        }
        return sum;
    }

    /**
     * Deliveries waiting in node A's lane (A sends a conversation's messages one after another from memory), cancelled
     * through node B, which cannot reach that lane: B refuses and names A; A itself takes one out of its lane and
     * cancels it. What the API said and what happened must agree: a delivery recorded as cancelled never reaches the
     * target, one recorded as delivered arrived exactly once, the conversation stays in order. (Before the fix B
     * answered 200 and A's lane sent the "cancelled" message anyway.)
     */
    @Test
    void a_cancel_through_another_node_agrees_with_what_the_lane_holding_the_delivery_sends() throws Exception {
        TestDatabase pg = TestDatabase.all().stream().skip(1).findFirst().orElse(null);
        assumeTrue(pg != null, "needs PostgreSQL: set " + TestDatabase.PG_ENV);
        Nodes pair = twoNodes(pg, "ponte-cluster-cancel-");
        List<String> arrivals = new CopyOnWriteArrayList<>();
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        com.fasterxml.jackson.databind.ObjectMapper json = io.ponte.api.message.MessageJson.newMapper();

        try (HttpSink sink = new HttpSink(); ChildHub a = pair.a(); ChildHub b = pair.b()) {
            sink.respond(r -> {
                arrivals.add(r.json().get("text").asText());
                sleep(400); // a slow target: the conversation's later messages wait in A's lane
                return HttpSink.Answer.ok();
            });
            String[] relay = relay(client, a, sink, "");
            String in = relay[0];
            String out = relay[1];
            b.start();

            int messages = 6;
            for (int n = 1; n <= messages; n++) {
                String body = "{\"id\":\"x-%d\",\"from\":\"x\",\"text\":\"x-%d\"}".formatted(n, n);
                HttpResponse<String> r = ChildHub.post(client, a.url("/hooks/" + in), body, false);
                assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            }
            // the last two wait in A's lane behind the first ones: B cannot reach that lane, so it refuses, naming A;
            // A itself takes one out of its lane and cancels it
            Map<String, String> ids = new LinkedHashMap<>();
            for (com.fasterxml.jackson.databind.JsonNode d : deliveries(client, json, b, out)) {
                ids.put(d.get("input").get("text").asText(), d.get("id").asText());
            }
            Map<String, Integer> cancels = new LinkedHashMap<>();
            for (String text : List.of("x-5", "x-6")) {
                HttpResponse<String> r = ChildHub.post(client, b.url("/api/v1/deliveries/" + ids.get(text)
                        + "/cancel"), "{}", true);
                assertThat(r.statusCode()).as(r.body()).isEqualTo(409);
                assertThat(r.body()).contains("which node ").contains("through that node");
            }
            HttpResponse<String> onA = ChildHub.post(client, a.url("/api/v1/deliveries/" + ids.get("x-6")
                    + "/cancel"), "{}", true);
            assertThat(onA.statusCode()).as(onA.body()).isEqualTo(200);
            cancels.put("x-5", 409);
            cancels.put("x-6", 200);

            TestHub.await("every delivery finished", Duration.ofSeconds(60), () -> deliveries(client, json, b, out)
                    .stream().allMatch(d -> Set.of("delivered", "cancelled", "dead")
                            .contains(d.get("status").asText())));
            Map<String, String> status = new LinkedHashMap<>();
            for (com.fasterxml.jackson.databind.JsonNode d : deliveries(client, json, b, out)) {
                status.put(d.get("input").get("text").asText(), d.get("status").asText());
            }
            assertThat(status).hasSize(messages);
            for (Map.Entry<String, String> e : status.entrySet()) {
                long arrived = arrivals.stream().filter(e.getKey()::equals).count();
                assertThat(arrived).as("%s is %s; arrivals %s", e.getKey(), e.getValue(), arrivals)
                        .isEqualTo(e.getValue().equals("delivered") ? 1 : 0);
            }
            cancels.forEach((text, code) -> assertThat(status.get(text)).as("cancel of %s answered %d", text, code)
                    .isEqualTo(code == 200 ? "cancelled" : "delivered"));
            assertThat(arrivals).as("in order").isSorted();
        }
    }

    /** Two hub processes (not started) on one fresh PostgreSQL schema ({@code url}), sharing a master key. */
    private record Nodes(ChildHub a, ChildHub b, String url) {
    }

    private static Nodes twoNodes(TestDatabase pg, String prefix) throws java.io.IOException {
        Path dirA = Files.createTempDirectory(prefix + "a-");
        Path dirB = Files.createTempDirectory(prefix + "b-");
        String url = pg.freshUrl(dirA) + "&ApplicationName=" + APP;
        String masterKey = Base64.getEncoder().encodeToString("cluster-it-master-key-32-bytes!!".getBytes());
        return new Nodes(new ChildHub(dirA, url).env("PONTE_MASTER_KEY", masterKey),
                new ChildHub(dirB, url).env("PONTE_MASTER_KEY", masterKey), url);
    }

    /**
     * Starts node {@code a} and sets up through it an inbound {@code http} connection routed ({@code message.send})
     * to an outbound one posting to the sink ({@code outConfig}: more of its config, e.g. a signing secret).
     *
     * @return the inbound and the outbound connection's ids
     */
    private static String[] relay(HttpClient client, ChildHub a, HttpSink sink, String outConfig) throws Exception {
        a.start();
        String in = a.create(client, "{\"connector\":\"http\",\"name\":\"in\",\"config\":{}}");
        String out = a.create(client, "{\"connector\":\"http\",\"name\":\"out\",\"config\":{\"url\":\""
                + sink.url("/m") + "\"" + outConfig + "}}");
        HttpResponse<String> route = ChildHub.post(client, a.url("/api/v1/routes"), """
                {"name":"fwd","match":{"source":"%s"},"actions":[{"target":"%s","action":"message.send",
                 "input":{"to":"{{payload.from.address}}","text":"{{payload.content.text}}"}}]}"""
                .formatted(in, out), true);
        assertThat(route.statusCode()).as(route.body()).isEqualTo(201);
        return new String[]{in, out};
    }

    /** The deliveries to a connection, as node {@code hub} lists them. */
    private static List<com.fasterxml.jackson.databind.JsonNode> deliveries(
            HttpClient client, com.fasterxml.jackson.databind.ObjectMapper json, ChildHub hub, String connection) {
        try {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(hub.url(
                            "/api/v1/deliveries?connection=" + connection + "&limit=100")))
                    .header("Authorization", "Bearer " + TestHub.ADMIN_TOKEN).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            List<com.fasterxml.jackson.databind.JsonNode> out = new ArrayList<>();
            json.readTree(r.body()).get("items").forEach(out::add);
            return out;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Cuts every database connection of the hubs under test (only theirs: they carry this test's name). */
    private static int terminateHubConnections(TestDatabase pg) throws Exception {
        try (Connection c = DriverManager.getConnection(System.getenv(TestDatabase.PG_ENV));
             Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT COUNT(*) FILTER (WHERE pg_terminate_backend(pid)) "
                     + "FROM pg_stat_activity WHERE application_name = '" + APP + "'")) {
            r.next();
            return r.getInt(1);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
