package io.ponte.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.ponte.hub.testing.HttpSink;
import io.ponte.hub.testing.TestDatabase;
import io.ponte.hub.testing.TestHub;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Durability: a child JVM running the real distribution is killed with SIGKILL in the middle of a load; after a
 * restart, every message it had acknowledged with a 2xx is delivered.
 */
class CrashIT {

    static List<TestDatabase> databases() {
        return TestDatabase.all();
    }

    /** An inbound http connection routed to an outbound one that posts each message's text to the sink. */
    private static String relayTo(ChildHub hub, HttpClient client, HttpSink sink) throws Exception {
        String in = hub.create(client, "{\"connector\":\"http\",\"name\":\"in\",\"config\":{}}");
        String out = hub.create(client, "{\"connector\":\"http\",\"name\":\"out\",\"config\":{\"url\":\""
                + sink.url("/m") + "\"}}");
        ChildHub.post(client, hub.url("/api/v1/routes"), """
                {"name":"fwd","match":{"source":"%s"},"actions":[{"target":"%s","action":"message.send",
                 "input":{"to":"{{payload.from.address}}","text":"{{payload.content.text}}"}}]}""".formatted(in, out),
                true);
        return in;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void delivers_every_acknowledged_message_after_a_kill_9(TestDatabase db) throws Exception {
        Path dataDir = Files.createTempDirectory("ponte-crash-");
        Set<String> delivered = ConcurrentHashMap.newKeySet();
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        try (HttpSink sink = new HttpSink(); ChildHub hub = new ChildHub(dataDir, db.freshUrl(dataDir))) {
            sink.respond(r -> {
                delivered.add(r.json().get("text").asText());
                return HttpSink.Answer.ok();
            });
            hub.start();
            String in = relayTo(hub, client, sink);

            Set<String> acknowledged = ConcurrentHashMap.newKeySet();
            AtomicBoolean stop = new AtomicBoolean();
            AtomicInteger seq = new AtomicInteger();
            List<Thread> senders = new ArrayList<>();
            for (int t = 0; t < 16; t++) {
                int contact = t;
                senders.add(Thread.ofVirtual().start(() -> {
                    while (!stop.get()) {
                        String id = "k" + seq.incrementAndGet();
                        String body = "{\"id\":\"%s\",\"from\":\"c%d\",\"text\":\"%s\"}".formatted(id, contact, id);
                        try {
                            HttpResponse<String> r = ChildHub.post(client, hub.url("/hooks/" + in), body,
                                    false);
                            if (r.statusCode() == 200) {
                                acknowledged.add(id);
                            }
                        } catch (Exception e) {
                            // the hub is gone: requests fail until the test stops sending
                        }
                    }
                }));
            }
            TestHub.await("some acknowledged messages", Duration.ofSeconds(30), () -> acknowledged.size() >= 400);
            hub.kill();
            stop.set(true);
            for (Thread s : senders) {
                s.join();
            }
            Set<String> ackedBeforeKill = new HashSet<>(acknowledged);

            hub.start();

            TestHub.await(ackedBeforeKill.size() + " acknowledged messages delivered after restart",
                    Duration.ofSeconds(60), () -> delivered.containsAll(ackedBeforeKill));
            assertThat(delivered).containsAll(ackedBeforeKill);
        }
    }

    /**
     * One conversation posted in batches, so the dispatcher sends it from memory (its lane) with a backlog queued
     * behind, and the hub is killed mid-lane: after the restart every acknowledged message arrives, and the first
     * arrival of each is in the order they were posted (re-sent ones may come twice: at-least-once).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void a_hot_conversation_cut_off_mid_lane_is_delivered_in_order_after_a_kill_9(TestDatabase db) throws Exception {
        Path dataDir = Files.createTempDirectory("ponte-crash-hot-");
        List<Integer> arrivals = java.util.Collections.synchronizedList(new ArrayList<>());
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        try (HttpSink sink = new HttpSink(); ChildHub hub = new ChildHub(dataDir, db.freshUrl(dataDir))) {
            sink.respond(r -> {
                arrivals.add(Integer.parseInt(r.json().get("text").asText().substring(1)));
                return HttpSink.Answer.ok();
            });
            hub.start();
            String in = relayTo(hub, client, sink);

            AtomicInteger acknowledged = new AtomicInteger(); // messages 0 .. acknowledged-1 were answered 2xx
            AtomicBoolean stop = new AtomicBoolean();
            Thread poster = Thread.ofVirtual().start(() -> {
                int next = 0;
                while (!stop.get()) {
                    List<String> items = new ArrayList<>();
                    for (int i = next; i < next + 50; i++) {
                        items.add("{\"id\":\"h%d\",\"from\":\"hot\",\"text\":\"h%d\"}".formatted(i, i));
                    }
                    try {
                        HttpResponse<String> r = ChildHub.post(client, hub.url("/hooks/" + in),
                                "[" + String.join(",", items) + "]", false);
                        if (r.statusCode() != 200) {
                            return; // nothing after a refused batch: the order of what follows would be open
                        }
                        next += 50;
                        acknowledged.set(next);
                    } catch (Exception e) {
                        return; // the hub is gone
                    }
                }
            });
            TestHub.await("a backlog behind the lane", Duration.ofSeconds(30),
                    () -> acknowledged.get() >= 1500 && arrivals.size() >= 200 && arrivals.size() < acknowledged.get());
            hub.kill();
            stop.set(true);
            poster.join();
            int acked = acknowledged.get();

            hub.start();

            TestHub.await(acked + " acknowledged messages of one conversation delivered after restart",
                    Duration.ofSeconds(60), () -> new HashSet<>(List.copyOf(arrivals)).size() >= acked);
            List<Integer> firsts = new ArrayList<>(new java.util.LinkedHashSet<>(List.copyOf(arrivals)));
            assertThat(firsts).as("first arrivals in the order posted").isSorted();
            assertThat(firsts).containsAll(java.util.stream.IntStream.range(0, acked).boxed().toList());
        }
    }
}
