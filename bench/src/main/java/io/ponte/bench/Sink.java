package io.ponte.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The far end of the hub's outbound connection: accepts {@code POST /msg} as fast as it can and counts the distinct
 * message ids per run, so the load generator can tell when every message made it through the hub.
 *
 * <p>The route renders {@code text} from the inbound message, and the load generator sends {@code text = <run>-<i>}:
 * the run is everything before the last '-', the index what follows. Counting per run keeps warm-up deliveries that
 * arrive late out of the measured run's numbers.
 *
 * <p>Usage: {@code java -cp ... io.ponte.bench.Sink --port=N [--delay-ms=0]}. {@code GET /count?run=R} answers
 * {@code {"distinct":..,"received":..,"duplicates":..,"firstSeenEpochMs":..,"lastNewEpochMs":..,"orderInversions":..}}.
 */
public final class Sink {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] OK = "{\"id\":\"sink\"}".getBytes(StandardCharsets.UTF_8);

    /** What one run delivered. Lock-free: the hub delivers with up to maxConcurrency requests at once. */
    private static final class RunStats {
        final Set<Long> indexes = ConcurrentHashMap.newKeySet();
        final LongAdder received = new LongAdder();
        final LongAdder duplicates = new LongAdder();
        final LongAdder orderInversions = new LongAdder();
        final AtomicLong firstSeenEpochMs = new AtomicLong(Long.MAX_VALUE);
        final AtomicLong lastNewEpochMs = new AtomicLong();
        /** Highest index seen per recipient: a lower one arriving later is an ordering inversion. */
        final Map<String, Long> highestByRecipient = new ConcurrentHashMap<>();
    }

    private final Map<String, RunStats> runs = new ConcurrentHashMap<>();
    private final LongAdder malformed = new LongAdder();
    private final long delayMs;

    private Sink(long delayMs) {
        this.delayMs = delayMs;
    }

    public static void main(String[] argv) throws IOException {
        Args args = new Args(argv);
        int port = args.port("port");
        Sink sink = new Sink(args.number("delay-ms", 0));
        // The JDK server closes idle keep-alive connections beyond 200 (JDK 21+ default). The hub keeps up to its
        // delivery maxConcurrency (256 here) connections open, so it would hit closed ones and retry: the sink, not
        // the hub, would then be what is measured. Must be set before the server classes load.
        System.setProperty("sun.net.httpserver.maxIdleConnections", "100000");
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 4096);
        // One virtual thread per exchange: the hub opens as many connections as its delivery concurrency allows.
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/msg", sink::receive);
        server.createContext("/count", sink::count);
        server.createContext("/health/ready", exchange -> respond(exchange, 200, "{\"status\":\"up\"}".getBytes()));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> server.stop(0), "sink-stop"));
        server.start();
        System.out.println("{\"sink\":\"listening\",\"port\":" + port + "}");
    }

    private void receive(HttpExchange exchange) throws IOException {
        long now = System.currentTimeMillis();
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        if (!"POST".equals(exchange.getRequestMethod())) {
            respond(exchange, 405, new byte[0]);
            return;
        }
        JsonNode json;
        try {
            json = JSON.readTree(body);
        } catch (IOException e) {
            json = null;
        }
        String text = json == null ? null : json.path("text").asText(null);
        int dash = text == null ? -1 : text.lastIndexOf('-');
        long index;
        try {
            index = dash < 1 ? -1 : Long.parseLong(text.substring(dash + 1));
        } catch (NumberFormatException e) {
            index = -1;
        }
        if (index < 0) {
            // Still 2xx: a 4xx would make the hub dead-letter it, and that is not what is being measured.
            malformed.increment();
            respond(exchange, 200, OK);
            return;
        }
        record(runs.computeIfAbsent(text.substring(0, dash), r -> new RunStats()), index,
                json.path("to").asText(""), now);
        if (delayMs > 0) {
            try {
                Thread.sleep(delayMs); // simulates a slower downstream; cheap on a virtual thread
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        respond(exchange, 200, OK);
    }

    private static void record(RunStats stats, long index, String recipient, long now) {
        stats.received.increment();
        stats.firstSeenEpochMs.accumulateAndGet(now, Math::min);
        if (!stats.indexes.add(index)) {
            stats.duplicates.increment(); // a redelivery: the hub is at-least-once
            return;
        }
        stats.lastNewEpochMs.accumulateAndGet(now, Math::max);
        stats.highestByRecipient.merge(recipient, index, (highest, mine) -> {
            if (mine < highest) {
                stats.orderInversions.increment();
                return highest;
            }
            return mine;
        });
    }

    private void count(HttpExchange exchange) throws IOException {
        exchange.getRequestBody().close();
        String run = query(exchange.getRequestURI().getRawQuery()).getOrDefault("run", "");
        RunStats stats = runs.get(run);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("run", run);
        out.put("distinct", stats == null ? 0 : stats.indexes.size());
        out.put("received", stats == null ? 0 : stats.received.sum());
        out.put("duplicates", stats == null ? 0 : stats.duplicates.sum());
        out.put("orderInversions", stats == null ? 0 : stats.orderInversions.sum());
        out.put("firstSeenEpochMs", stats == null ? 0 : stats.firstSeenEpochMs.get());
        out.put("lastNewEpochMs", stats == null ? 0 : stats.lastNewEpochMs.get());
        out.put("malformed", malformed.sum());
        respond(exchange, 200, JSON.writeValueAsBytes(out));
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> params = new LinkedHashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    params.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return params;
    }

    private static void respond(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
