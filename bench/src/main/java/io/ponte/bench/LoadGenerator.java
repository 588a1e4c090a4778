package io.ponte.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * Posts N webhook messages and reports throughput, latency percentiles and, with a sink, end-to-end delivery rate.
 *
 * <p>Closed loop ({@code --rate=0}): C workers each send the next message as soon as their previous one is answered;
 * this finds the maximum throughput. Open loop ({@code --rate=R}): message i is due at {@code start + i/R} whatever
 * happened before, and its latency is measured from that due time, not from when it actually left; a server that
 * stalls therefore shows the stall in every message queued behind it (no coordinated omission). C then only caps the
 * requests in flight.
 *
 * <p>Each request body is {@code {"id":"<run>-<i>","from":"55119<contact>","text":"<run>-<i>"}}, contacts
 * {@code i % contacts}. {@code --warmup=K} first sends K unmeasured messages of run {@code <run>w} the same way
 * (closed loop) to warm this JVM, the client and the server; with a sink it then waits for them to be delivered, so
 * the measured run does not start on top of a backlog. {@code --settle-s=S} (open loop only) then sends S seconds of
 * unmeasured messages (run {@code <run>s}) on the measured phase's schedule: after a closed-loop warm-up the server's
 * collector and JIT take some seconds to adjust to the lighter load (a marking cycle, mixed collections, a heap
 * resize, deoptimizations), and without this the measured tail is mostly that transition.
 *
 * <p>{@code --watch-pid=P} adds the CPU used by process P (the server under test) and by the whole machine during
 * the measured phase. Prints one JSON object on stdout; progress goes to stderr.
 */
public final class LoadGenerator {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1) // the hub's webhook clients speak HTTP/1.1 with keep-alive
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final URI target;
    private final int contacts;
    private final int batch;
    private final Duration requestTimeout;

    private LoadGenerator(URI target, int contacts, int batch, Duration requestTimeout) {
        this.batch = batch;
        this.target = target;
        this.contacts = contacts;
        this.requestTimeout = requestTimeout;
    }

    /** What one phase measured. Latencies are in nanoseconds, one slot per completed request. */
    private record Phase(int sent, int ok, Map<String, Long> errors, long[] latencies, long startEpochMs,
                         long durationNanos, long maxBehindNanos, long[] startOffsets, long[] byIndex) {
    }

    public static void main(String[] argv) throws Exception {
        Args args = new Args(argv);
        URI url = URI.create(args.string("url", null));
        int n = (int) args.number("n", 10_000);
        int concurrency = (int) Math.max(1, args.number("concurrency", 64));
        long rate = args.number("rate", 0);
        int warmup = (int) args.number("warmup", 0);
        String run = args.string("run", "r" + System.currentTimeMillis());
        String sink = args.string("sink", "");
        long deadlineS = args.number("timeout-s", 600);
        // --batch=K sends K messages per request as a JSON array, as providers such as Meta do under load
        int batch = (int) Math.max(1, args.number("batch", 1));
        LoadGenerator gen = new LoadGenerator(url, (int) Math.max(1, args.number("contacts", 1000)), batch,
                Duration.ofSeconds(args.number("request-timeout-s", 30)));

        Map<String, Object> out = new LinkedHashMap<>();
        out.put("label", args.string("label", ""));
        out.put("mode", rate > 0 ? "open" : "closed");
        out.put("url", url.toString());
        out.put("run", run);
        out.put("concurrency", concurrency);
        out.put("targetRate", rate);
        out.put("messagesPerRequest", batch);
        if (warmup > 0) {
            Phase w = gen.run(run + "w", warmup, concurrency, 0, deadlineS);
            Map<String, Object> warm = summary(w);
            if (!sink.isEmpty()) {
                warm.put("delivery", gen.awaitSink(sink, run + "w", w, args.number("sink-timeout-s", 300),
                        args.number("sink-stall-s", 30)));
            }
            out.put("warmup", warm);
        }
        long settleS = args.number("settle-s", 0);
        if (settleS > 0 && rate > 0) {
            // the measured phase's own schedule, unmeasured: the server's GC and JIT leave the warm-up's regime first
            Phase s = gen.run(run + "s", (int) (settleS * rate), concurrency, rate, deadlineS);
            out.put("settle", summary(s));
            if (!sink.isEmpty()) {
                gen.awaitSink(sink, run + "s", s, args.number("sink-timeout-s", 300), args.number("sink-stall-s", 30));
            }
        }
        long watchPid = args.number("watch-pid", 0);
        // --metrics=URL: the hub's counters over the measured phase (how its inbox answered, its commits)
        String metrics = args.string("metrics", "");
        Map<String, Double> countersBefore = counters(metrics, args.string("metrics-token", ""));
        CpuSample before = CpuSample.take(watchPid);
        Phase p = gen.run(run, n, concurrency, rate, deadlineS);
        out.putAll(summary(p));
        String trace = args.string("trace", "");
        if (!trace.isEmpty()) {
            writeTrace(java.nio.file.Path.of(trace), p);
        }
        out.put("cpuWhileSending", before.until(CpuSample.take(watchPid)));
        if (!metrics.isEmpty()) {
            Map<String, Double> after = counters(metrics, args.string("metrics-token", ""));
            Map<String, Object> delta = new java.util.TreeMap<>();
            after.forEach((k, v) -> delta.put(k, round(v - countersBefore.getOrDefault(k, 0.0))));
            out.put("hubCounters", delta);
        }
        if (!sink.isEmpty()) {
            out.put("delivery", gen.awaitSink(sink, run, p, args.number("sink-timeout-s", 300),
                    args.number("sink-stall-s", 30)));
            out.put("cpuUntilDelivered", before.until(CpuSample.take(watchPid)));
        }
        System.out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(out));
    }

    /**
     * Sends messages 0..n-1 of a run, closed loop when rate is 0, and stops early at the deadline: {@code deadlineS}
     * after the start, plus, for an open loop, the n / rate seconds it is planned to take (a long open loop once
     * ended at 600 s without a word, and its table showed the rate it had kept, not the messages it had skipped).
     */
    private Phase run(String run, int n, int concurrency, long rate, long deadlineS) throws InterruptedException {
        long[] latencies = new long[n];
        Arrays.fill(latencies, -1);
        long[] starts = new long[n];
        int[] statuses = new int[n];
        Map<String, LongAdder> failures = new ConcurrentHashMap<>();
        AtomicInteger done = new AtomicInteger();
        long plannedS = rate > 0 ? (n + rate - 1) / rate : 0;
        long deadline = System.nanoTime() + (plannedS + deadlineS) * 1_000_000_000L;
        long startEpochMs = System.currentTimeMillis();
        long start = System.nanoTime();
        long maxBehind = 0;
        int sent = 0;
        Thread progress = Thread.ofPlatform().daemon().start(() -> report(run, n, done));
        try (ExecutorService exec = Executors.newVirtualThreadPerTaskExecutor()) {
            if (rate <= 0) {
                AtomicInteger next = new AtomicInteger();
                for (int c = 0; c < concurrency; c++) {
                    exec.submit(() -> {
                        for (int i; (i = next.getAndIncrement()) < n && System.nanoTime() < deadline; ) {
                            long at = System.nanoTime();
                            starts[i] = at - start;
                            send(run, i, at, latencies, statuses, failures);
                            done.incrementAndGet();
                        }
                    });
                }
            } else {
                Semaphore inFlight = new Semaphore(concurrency);
                for (int i = 0; i < n && System.nanoTime() < deadline; i++, sent++) {
                    long due = start + (long) (i * (1_000_000_000.0 / rate));
                    for (long wait; (wait = due - System.nanoTime()) > 0; ) {
                        LockSupport.parkNanos(wait);
                    }
                    inFlight.acquire(); // when the server falls behind we wait here, but latency still counts from due
                    maxBehind = Math.max(maxBehind, System.nanoTime() - due);
                    int index = i;
                    starts[i] = due - start;
                    exec.submit(() -> {
                        try {
                            send(run, index, due, latencies, statuses, failures);
                            done.incrementAndGet();
                        } finally {
                            inFlight.release();
                        }
                    });
                }
            }
        } // close() waits for every request: each is bounded by the request timeout
        long duration = System.nanoTime() - start;
        progress.interrupt();
        int ok = 0;
        Map<String, Long> errors = new TreeMap<>();
        int completed = 0;
        for (int i = 0; i < n; i++) {
            if (latencies[i] >= 0) {
                completed++;
                if (statuses[i] >= 200 && statuses[i] < 300) {
                    ok++;
                } else if (statuses[i] > 0) {
                    errors.merge("http " + statuses[i], 1L, Long::sum);
                }
            }
        }
        failures.forEach((k, v) -> errors.put(k, v.sum()));
        if ((rate > 0 ? sent : completed) < n) {
            System.err.printf("[%s] stopped at the deadline (--timeout-s=%d) after %d of %d messages%n", run, deadlineS,
                    rate > 0 ? sent : completed, n);
        }
        long[] measured = Arrays.stream(latencies).filter(l -> l >= 0).sorted().toArray();
        return new Phase(rate > 0 ? sent : completed, ok, errors, measured, startEpochMs, duration, maxBehind,
                starts, latencies);
    }

    /**
     * The inbox's counters ({@code ponte_inbox_*} totals, counts and sums) from a Prometheus text page: empty when
     * no URL is given or it cannot be read (the measurement goes on without them).
     */
    private static Map<String, Double> counters(String url, String token) {
        Map<String, Double> out = new LinkedHashMap<>();
        if (url.isEmpty()) {
            return out;
        }
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
            if (!token.isEmpty()) {
                request.header("Authorization", "Bearer " + token);
            }
            String body;
            try (java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient()) {
                body = client.send(request.build(), HttpResponse.BodyHandlers.ofString()).body();
            }
            for (String line : body.split("\n")) {
                String[] parts = line.split(" ");
                String name = parts[0].replaceAll("\\{.*", "");
                if (line.startsWith("ponte_inbox_") && parts.length == 2
                        && (name.endsWith("_total") || name.endsWith("_count") || name.endsWith("_sum"))) {
                    out.put(parts[0], Double.parseDouble(parts[1]));
                }
            }
        } catch (Exception e) {
            System.err.println("cannot read the hub's metrics at " + url + ": " + e);
        }
        return out;
    }

    /**
     * {@code --trace=FILE}: one line per completed request of the measured phase, in the order they were due or
     * sent: the epoch milliseconds it was due (open loop) or left (closed loop), and its latency in milliseconds. To
     * line the slow requests up with a server's GC log or metrics: are they spread, or bunched at moments?
     */
    private static void writeTrace(java.nio.file.Path file, Phase p) throws java.io.IOException {
        StringBuilder out = new StringBuilder("# epochMs latencyMs\n");
        for (int i = 0; i < p.byIndex().length; i++) {
            if (p.byIndex()[i] >= 0) {
                out.append(p.startEpochMs() + p.startOffsets()[i] / 1_000_000).append(' ')
                        .append(String.format(java.util.Locale.ROOT, "%.3f", p.byIndex()[i] / 1e6)).append('\n');
            }
        }
        java.nio.file.Files.writeString(file, out);
    }

    private void send(String run, int i, long startNanos, long[] latencies, int[] statuses,
                      Map<String, LongAdder> failures) {
        StringBuilder json = new StringBuilder(batch > 1 ? "[" : "");
        for (int j = 0; j < batch; j++) {
            int m = i * batch + j;
            String id = run + "-" + m;
            String from = "55119" + String.format("%08d", m % contacts);
            json.append(j > 0 ? "," : "").append("{\"id\":\"").append(id).append("\",\"from\":\"").append(from)
                    .append("\",\"text\":\"").append(id).append("\"}");
        }
        byte[] body = json.append(batch > 1 ? "]" : "").toString().getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(target)
                .timeout(requestTimeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        try {
            statuses[i] = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            statuses[i] = 0;
            String message = String.valueOf(e.getMessage());
            String key = e.getClass().getSimpleName() + ": " + message.substring(0, Math.min(80, message.length()));
            failures.computeIfAbsent(key, k -> new LongAdder()).increment();
        }
        latencies[i] = System.nanoTime() - startNanos;
    }

    private static Map<String, Object> summary(Phase p) {
        Map<String, Object> s = new LinkedHashMap<>();
        double seconds = p.durationNanos() / 1e9;
        s.put("sent", p.sent());
        s.put("ok", p.ok());
        s.put("errors", p.errors());
        s.put("durationS", round(seconds));
        s.put("reqPerS", round(p.latencies().length / seconds));
        s.put("okPerS", round(p.ok() / seconds));
        s.put("p50Ms", percentile(p.latencies(), 0.50));
        s.put("p90Ms", percentile(p.latencies(), 0.90));
        s.put("p99Ms", percentile(p.latencies(), 0.99));
        s.put("p999Ms", percentile(p.latencies(), 0.999));
        s.put("maxMs", p.latencies().length == 0 ? 0 : round(p.latencies()[p.latencies().length - 1] / 1e6));
        s.put("maxBehindScheduleMs", round(p.maxBehindNanos() / 1e6));
        return s;
    }

    private static double percentile(long[] sorted, double q) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(q * sorted.length) - 1;
        return round(sorted[Math.max(0, Math.min(sorted.length - 1, rank))] / 1e6);
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }

    /**
     * Polls the sink until it has every acknowledged message of the run, the timeout passes, or nothing new arrived
     * for stallS seconds. End-to-end time runs from the first send to the moment the sink first saw the last new id.
     */
    private Map<String, Object> awaitSink(String sinkBase, String run, Phase p, long timeoutS, long stallS)
            throws InterruptedException {
        URI countUri = URI.create(sinkBase + "/count?run=" + run);
        long now = System.nanoTime();
        long deadline = now + timeoutS * 1_000_000_000L;
        long lastProgress = now;
        long lastReport = now;
        long seen = -1;
        JsonNode stats = null;
        while (true) {
            stats = fetch(countUri, stats);
            long distinct = stats == null ? 0 : stats.path("distinct").asLong();
            now = System.nanoTime();
            if (distinct != seen) {
                seen = distinct;
                lastProgress = now;
            }
            if (distinct >= (long) p.ok() * batch || now > deadline || now - lastProgress > stallS * 1_000_000_000L) {
                break;
            }
            if (now - lastReport > 5_000_000_000L) {
                System.err.printf("[%s] delivered %d/%d%n", run, distinct, (long) p.ok() * batch);
                lastReport = now;
            }
            Thread.sleep(100);
        }
        Map<String, Object> d = new LinkedHashMap<>();
        long delivered = stats == null ? 0 : stats.path("distinct").asLong();
        long lastNew = stats == null ? 0 : stats.path("lastNewEpochMs").asLong();
        double e2e = delivered > 0 ? (lastNew - p.startEpochMs()) / 1000.0 : 0;
        double ingestEnd = p.durationNanos() / 1e9;
        d.put("complete", delivered >= (long) p.ok() * batch);
        d.put("delivered", delivered);
        d.put("duplicates", stats == null ? 0 : stats.path("duplicates").asLong());
        d.put("orderInversions", stats == null ? 0 : stats.path("orderInversions").asLong());
        d.put("e2eS", round(e2e));
        d.put("e2eMsgPerS", delivered > 0 && e2e > 0 ? round(delivered / e2e) : 0);
        d.put("drainAfterIngestS", round(Math.max(0, e2e - ingestEnd)));
        return d;
    }

    private JsonNode fetch(URI uri, JsonNode previous) {
        try {
            HttpResponse<byte[]> r = client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            return r.statusCode() == 200 ? JSON.readTree(r.body()) : previous;
        } catch (Exception e) {
            return previous; // a busy sink may miss one poll; the deadline still bounds the wait
        }
    }

    private static void report(String run, int n, AtomicInteger done) {
        try {
            while (true) {
                Thread.sleep(5_000);
                System.err.printf("[%s] answered %d/%d%n", run, done.get(), n);
            }
        } catch (InterruptedException e) {
            // the phase is over
        }
    }
}
