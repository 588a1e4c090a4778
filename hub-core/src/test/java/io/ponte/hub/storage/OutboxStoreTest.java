package io.ponte.hub.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.ponte.hub.config.ConfigLoader;
import io.ponte.hub.config.HubConfig;
import io.ponte.hub.storage.Outbox.Completion;
import io.ponte.hub.storage.EventStore.NewEvent;
import io.ponte.hub.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The inbox and outbox SQL on every database: dedupe, per-key ordering, skip-locked claims, leases. */
class OutboxStoreTest {

    static List<TestDatabase> databases() {
        return TestDatabase.all();
    }

    /** A fresh PostgreSQL database; the test is skipped when none is configured. */
    static Database openPostgres() throws Exception {
        TestDatabase pg = TestDatabase.all().stream().skip(1).findFirst().orElse(null);
        org.junit.jupiter.api.Assumptions.assumeTrue(pg != null, "needs PostgreSQL: set " + TestDatabase.PG_ENV);
        return open(pg);
    }

    static Database open(TestDatabase db) throws Exception {
        Path dir = Files.createTempDirectory("ponte-store-");
        Map<String, String> env = new HashMap<>();
        env.put("PONTE_DATA_DIR", dir.toString());
        String url = db.freshUrl(dir);
        if (url != null) {
            env.put("PONTE_DB_URL", url);
        }
        HubConfig config = ConfigLoader.load(env, null);
        return new Database(config);
    }

    private static NewEvent event(String connection, String externalId, String... orderingKeys) {
        String id = Ids.next("evt");
        List<DeliveryRow> ds = new ArrayList<>();
        for (String key : orderingKeys) {
            ds.add(new DeliveryRow(Ids.next("dlv"), "default", id, null, "con_T", "message.send", "{}", key,
                    DeliveryState.PENDING, 0, 0, null, null, null, 0, 0, null));
        }
        return new NewEvent(new EventRow(id, "default", connection, "message.inbound", externalId, null, id, null, 0, 0,
                "{}", ds.size(), null), ds);
    }

    /** {@code n} events of connection c, each with one delivery whose ordering key is {@code key(i)}. */
    private static List<NewEvent> events(int n, java.util.function.IntFunction<String> key) {
        List<NewEvent> batch = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            batch.add(event("c", "e" + i, key.apply(i)));
        }
        return batch;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void stores_a_repeated_external_id_once_with_its_deliveries_once(TestDatabase db) throws Exception {
        try (Database database = open(db)) {
            Stores stores = new Stores(database.jdbi());
            boolean[] first = stores.events().append(List.of(event("con_A", "m1", "k"), event("con_A", "m2", "k")));
            boolean[] second = stores.events().append(List.of(event("con_A", "m1", "k"), event("con_B", "m1", "k"),
                    event("con_A", null, "k"), event("con_A", null, "k")));
            assertThat(first).containsExactly(true, true);
            assertThat(second).containsExactly(false, true, true, true);
            assertThat(stores.outbox().list(null, null, null, null, null, null, 100).items()).hasSize(5);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void claims_only_the_oldest_unfinished_delivery_of_each_key(TestDatabase db) throws Exception {
        try (Database database = open(db)) {
            Stores stores = new Stores(database.jdbi());
            Outbox out = stores.outbox();
            stores.events().append(List.of(event("c", "1", "a"), event("c", "2", "a"), event("c", "3", "b")));

            assertThat(out.list(null, DeliveryState.QUEUED, null, null, null, null, 10).items()).as("second of key a")
                    .hasSize(1);
            List<DeliveryRow> round1 = out.claim("n1", 10, r -> 1_000, 100);
            assertThat(round1).extracting(DeliveryRow::orderingKey).containsExactlyInAnyOrder("a", "b");
            assertThat(out.claim("n1", 10, r -> 1_000, 100)).as("heads are in flight").isEmpty();

            DeliveryRow headA = round1.stream().filter(r -> r.orderingKey().equals("a")).findFirst().orElseThrow();
            // a retry keeps the key blocked until its time comes
            out.complete("n1", 20, List.of(new Completion(headA.id(), "a", DeliveryState.PENDING, 500, "HTTP 503", null, null, 0, false)));
            assertThat(out.claim("n1", 30, r -> 1_000, 100)).isEmpty();
            List<DeliveryRow> retried = out.claim("n1", 600, r -> 2_000, 100);
            assertThat(retried).extracting(DeliveryRow::id).containsExactly(headA.id());
            assertThat(retried.get(0).attempts()).isEqualTo(1);

            out.complete("n1", 700, List.of(new Completion(headA.id(), "a", DeliveryState.DELIVERED, 700, null, "x", 700L, 0, false)));
            List<DeliveryRow> next = out.claim("n1", 800, r -> 2_000, 100);
            assertThat(next).hasSize(1);
            assertThat(next.get(0).orderingKey()).isEqualTo("a");
            assertThat(next.get(0).id()).isGreaterThan(headA.id());
            assertThat(next.get(0).status()).as("promoted from queued when its predecessor finished")
                    .isEqualTo(DeliveryState.PENDING);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void concurrent_claimers_never_share_a_delivery_and_expired_leases_come_back(TestDatabase db) throws Exception {
        try (Database database = open(db)) {
            Stores stores = new Stores(database.jdbi());
            Outbox out = stores.outbox();
            stores.events().append(events(300, i -> "key" + i));

            Set<String> claimed = ConcurrentHashMap.newKeySet();
            AtomicInteger duplicates = new AtomicInteger();
            List<Thread> nodes = new ArrayList<>();
            for (int n = 0; n < 4; n++) {
                String node = "node" + n;
                nodes.add(Thread.ofVirtual().start(() -> {
                    List<DeliveryRow> got;
                    while (!(got = out.claim(node, 10, r -> 1_000, 7)).isEmpty()) {
                        got.forEach(r -> {
                            if (!claimed.add(r.id())) {
                                duplicates.incrementAndGet();
                            }
                        });
                    }
                }));
            }
            for (Thread t : nodes) {
                t.join();
            }
            assertThat(duplicates.get()).isZero();
            assertThat(claimed).hasSize(300);

            assertThat(out.claim("node9", 500, r -> 5_000, 1000)).as("leases still valid").isEmpty();
            assertThat(out.claim("node9", 1_001, r -> 5_000, 1000)).as("expired leases").hasSize(300);
            assertThat(out.releaseLeases("node9", 2_000)).isEqualTo(300);
            assertThat(out.backlog().depth()).isEqualTo(300);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void retention_deletes_only_old_events_whose_deliveries_are_finished(TestDatabase db) throws Exception {
        try (Database database = open(db)) {
            Stores stores = new Stores(database.jdbi());
            // the oldest event is the one kept: the walk must go on past it, not stop or start over at it
            NewEvent waiting = event("c", "waiting", "k2");
            NewEvent done = event("c", "done", "k1");
            NewEvent none = event("c", "none");
            stores.events().append(List.of(waiting, done, none));
            List<DeliveryRow> claimed = stores.outbox().claim("n", 10, r -> 100, 10);
            DeliveryRow d = claimed.stream().filter(r -> r.orderingKey().equals("k1")).findFirst().orElseThrow();
            stores.outbox().complete("n", 20, List.of(new Completion(d.id(), "k1", DeliveryState.DELIVERED, 20, null, null,
                    20L, 0, false)));
            // every test event was "received" at 0 (and made just now); k2's delivery is still in flight
            long later = System.currentTimeMillis() + 60_000;
            assertThat(stores.events().purge(1, null, 100)).as("nothing is older than 1 ms after the epoch")
                    .isEqualTo(new Purged(0, null));
            assertThat(stores.events().purge(later, null, 1)).as("the kept one is looked at and passed over")
                    .isEqualTo(new Purged(0, waiting.event().id()));
            assertThat(stores.events().purge(later, waiting.event().id(), 1))
                    .isEqualTo(new Purged(1, done.event().id()));
            assertThat(stores.events().purge(later, done.event().id(), 1))
                    .isEqualTo(new Purged(1, none.event().id()));
            assertThat(stores.events().purge(later, none.event().id(), 1)).isEqualTo(new Purged(0, null));
            assertThat(stores.events().get(waiting.event().id())).isPresent();
            assertThat(stores.events().get(done.event().id())).isEmpty();
            assertThat(stores.events().get(none.event().id())).isEmpty();
            assertThat(stores.outbox().get(d.id())).isEmpty();
            assertThat(stores.events().append(List.of(event("c", "done")))).as("its dedupe key is gone too")
                    .containsExactly(true);
            // once its delivery finishes, the next run's walk (from the oldest) deletes it
            DeliveryRow w = claimed.stream().filter(r -> r.orderingKey().equals("k2")).findFirst().orElseThrow();
            stores.outbox().complete("n", 20, List.of(new Completion(w.id(), "k2", DeliveryState.DELIVERED, 20, null,
                    null, 20L, 0, false)));
            assertThat(stores.events().purge(later, null, 100).deleted()).as("it and the new \"done\"").isEqualTo(2);
            assertThat(stores.events().get(waiting.event().id())).isEmpty();
        }
    }

    @org.junit.jupiter.api.Test
    void two_nodes_storing_the_first_messages_of_an_idle_conversation_at_once_make_one_head() throws Exception {
        try (Database database = openPostgres()) {
            Stores stores = new Stores(database.jdbi());
            // node A's inbox stored the first message of the conversation and has not committed yet; node B's inbox
            // stores the second one meanwhile: it must wait for A's transaction
            secondWaitsForFirst(database, w -> stores.events().append(List.of(event("c", "a1", "idle")), List.of(w)),
                    h -> { }, () -> stores.events().append(List.of(event("c", "b1", "idle"))));

            List<String> states = database.jdbi().withHandle(h -> h.createQuery(
                    "SELECT status FROM deliveries WHERE ordering_key = 'idle' ORDER BY id").mapTo(String.class).list());
            assertThat(states).as("one head, the other queued behind it").containsExactly("pending", "queued");
            int unfinished = database.jdbi().withHandle(h -> h.createQuery(
                    "SELECT unfinished FROM delivery_queues WHERE ordering_key = 'idle'").mapTo(Integer.class).one());
            assertThat(unfinished).as("both counted").isEqualTo(2);
        }
    }

    /**
     * Runs {@code firstWork} in a transaction that {@code commitFirst} commits and holds it open; meanwhile runs
     * {@code second} on another thread until it waits for a lock (PostgreSQL), then lets the first commit and waits
     * for both.
     */
    private static void secondWaitsForFirst(Database database, java.util.function.Consumer<Alongside<?>> commitFirst,
                                            java.util.function.Consumer<org.jdbi.v3.core.Handle> firstWork,
                                            Runnable second) throws InterruptedException {
        java.util.concurrent.CountDownLatch inside = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        Thread a = Thread.ofPlatform().start(() -> commitFirst.accept(new Alongside<>(h -> {
            firstWork.accept(h);
            inside.countDown();
            try {
                return release.await(30, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        })));
        assertThat(inside.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        Thread b = Thread.ofPlatform().start(second);
        io.ponte.hub.testing.TestHub.await("the second transaction to wait for a lock", java.time.Duration
                .ofSeconds(10), () -> database.jdbi().withHandle(h -> h.createQuery(
                        "SELECT COUNT(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'")
                .mapTo(Integer.class).one()) > 0);
        release.countDown();
        a.join(10_000);
        b.join(10_000);
    }

    private static Integer queueCount(Database database, String key) {
        return database.jdbi().withHandle(h -> h.createQuery(
                "SELECT unfinished FROM delivery_queues WHERE ordering_key = :k").bind("k", key)
                .mapTo(Integer.class).findOne().orElse(null));
    }

    private static Purged purgeIdle(Stores stores, String after, int limit) {
        Alongside<Purged> step = stores.outbox().purgeIdleQueues(after, limit);
        stores.outbox().commitAlone(step);
        return step.result();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void an_idle_keys_queue_row_stays_at_zero_on_postgresql_until_retention_deletes_it(TestDatabase db) throws Exception {
        try (Database database = open(db)) {
            Stores stores = new Stores(database.jdbi());
            // H2 deletes it at 0 (its commits write out every page they touch: keep the table to the keys in flight)
            Integer idle = db.pgBaseUrl() != null ? 0 : null;
            stores.events().append(List.of(event("c", "a1", "a"), event("c", "b1", "b"), event("c", "b2", "b")));
            List<DeliveryRow> heads = stores.outbox().claim("n", 10, r -> 100, 10);
            assertThat(heads).extracting(DeliveryRow::orderingKey).containsExactlyInAnyOrder("a", "b");
            stores.outbox().complete("n", 20, heads.stream().map(r -> new Completion(r.id(), r.orderingKey(),
                    DeliveryState.DELIVERED, 20, null, null, 20L, 0, false)).toList());
            assertThat(queueCount(database, "a")).as("a is idle").isEqualTo(idle);
            assertThat(queueCount(database, "b")).as("b2 is left").isEqualTo(1);

            // the next message of an idle key counts its row up and is its head
            stores.events().append(List.of(event("c", "a2", "a")));
            assertThat(queueCount(database, "a")).isEqualTo(1);
            List<DeliveryRow> second = stores.outbox().claim("n", 30, r -> 100, 10);
            assertThat(second).extracting(DeliveryRow::orderingKey).containsExactlyInAnyOrder("a", "b");
            DeliveryRow a2 = second.stream().filter(r -> r.orderingKey().equals("a")).findFirst().orElseThrow();
            stores.outbox().complete("n", 40, List.of(new Completion(a2.id(), "a", DeliveryState.DELIVERED, 40, null,
                    null, 40L, 0, false)));
            assertThat(queueCount(database, "a")).isEqualTo(idle);

            // the retention's walk, a row a step: a's idle row deleted (PostgreSQL), b's passed over, then the end
            if (idle != null) {
                assertThat(purgeIdle(stores, null, 1)).isEqualTo(new Purged(1, "a"));
            }
            assertThat(purgeIdle(stores, idle != null ? "a" : null, 1)).isEqualTo(new Purged(0, "b"));
            assertThat(purgeIdle(stores, "b", 1)).isEqualTo(new Purged(0, null));
            assertThat(queueCount(database, "a")).isNull();
            assertThat(queueCount(database, "b")).isEqualTo(1);
            assertThat(purgeIdle(stores, null, 1000)).isEqualTo(new Purged(0, "b"));
            // b2 finishes too; the hourly job then deletes its idle row
            DeliveryRow b2 = second.stream().filter(r -> r.orderingKey().equals("b")).findFirst().orElseThrow();
            stores.outbox().complete("n", 60, List.of(new Completion(b2.id(), "b", DeliveryState.DELIVERED, 60, null,
                    null, 60L, 0, false)));
            assertThat(queueCount(database, "b")).isEqualTo(idle);
            try (LocalMediaStore media = new LocalMediaStore(Files.createTempDirectory("ponte-media-"),
                    stores.events())) {
                new Retention(stores, media, java.time.Duration.ofDays(30), java.time.Clock.systemUTC(),
                        stores.outbox()::commitAlone).run();
            }
            assertThat(queueCount(database, "b")).isNull();
            // a message after the purge creates the row again, as the head
            stores.events().append(List.of(event("c", "a3", "a")));
            assertThat(queueCount(database, "a")).isEqualTo(1);
            assertThat(stores.outbox().claim("n", 50, r -> 100, 10)).extracting(DeliveryRow::orderingKey)
                    .contains("a");
        }
    }

    @org.junit.jupiter.api.Test
    void a_message_stored_while_retention_deletes_its_idle_queue_row_is_counted_in_a_new_one() throws Exception {
        try (Database database = openPostgres()) {
            Stores stores = new Stores(database.jdbi());
            stores.events().append(List.of(event("c", "x1", "idle")));
            DeliveryRow x1 = stores.outbox().claim("n", 10, r -> 100, 10).getFirst();
            stores.outbox().complete("n", 20, List.of(new Completion(x1.id(), "idle", DeliveryState.DELIVERED, 20,
                    null, null, 20L, 0, false)));
            assertThat(queueCount(database, "idle")).isZero();
            AtomicInteger purged = new AtomicInteger(-1);
            // retention has deleted the idle row and not committed yet; the inbox stores the conversation's next
            // message meanwhile: it must wait, then count it anew
            secondWaitsForFirst(database, stores.outbox()::commitAlone,
                    h -> purged.set(DeliveryQueues.purgeIdle(h, null, 1000).deleted()),
                    () -> stores.events().append(List.of(event("c", "x2", "idle"))));

            assertThat(purged.get()).isEqualTo(1);
            assertThat(queueCount(database, "idle")).as("the new message counted").isEqualTo(1);
            List<String> states = database.jdbi().withHandle(h -> h.createQuery(
                    "SELECT status FROM deliveries WHERE ordering_key = 'idle' ORDER BY id").mapTo(String.class).list());
            assertThat(states).as("x2 is the key's head").containsExactly("delivered", "pending");
        }
    }

    private static String queueKey(Database database, String id) {
        return database.jdbi().withHandle(h -> h.createQuery("SELECT queue_key FROM deliveries WHERE id = :id")
                .bind("id", id).mapTo(String.class).findOne().orElse(null));
    }

    /** The deliveries of key {@code key} that deliveries_order lists under it, per status. */
    private static List<String> underKey(Database database, String status, String key) {
        return database.jdbi().withHandle(h -> h.createQuery(
                        "SELECT id FROM deliveries WHERE status = :status AND queue_key = :key ORDER BY id")
                .bind("status", status).bind("key", key).mapTo(String.class).list());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void only_unfinished_deliveries_are_listed_under_their_key(TestDatabase db) throws Exception {
        try (Database database = open(db)) {
            Stores stores = new Stores(database.jdbi());
            Outbox out = stores.outbox();
            stores.events().append(List.of(event("c", "q1", "k"), event("c", "q2", "k"), event("c", "q3", "k")));
            DeliveryRow head = out.claim("n", 1, r -> 1_000, 10).getFirst();
            List<String> queued = underKey(database, "queued", "k");
            assertThat(queued).hasSize(2);
            assertThat(underKey(database, "inflight", "k")).containsExactly(head.id());

            out.complete("n", 2, List.of(new Completion(head.id(), "k", DeliveryState.DELIVERED, 2, null, "x", 2L, 0,
                    false)));
            assertThat(queueKey(database, head.id())).as("a delivered delivery is under no key").isNull();
            assertThat(out.get(head.id()).orElseThrow().orderingKey()).as("it keeps its ordering key").isEqualTo("k");
            DeliveryRow second = out.claim("n", 3, r -> 1_000, 10).getFirst();
            assertThat(second.id()).isEqualTo(queued.get(0));
            out.complete("n", 4, List.of(new Completion(second.id(), "k", DeliveryState.DEAD, 4, "HTTP 400", null,
                    null, 0, false)));
            assertThat(queueKey(database, second.id())).as("a dead one neither").isNull();
            assertThat(out.get(queued.get(1)).orElseThrow().status()).as("the third moved up")
                    .isEqualTo(DeliveryState.PENDING);
            assertThat(underKey(database, "pending", "k")).containsExactly(queued.get(1));

            DeliveryRow third = out.claim("n", 5, r -> 1_000, 10).getFirst();
            out.complete("n", 6, List.of(new Completion(third.id(), "k", DeliveryState.DELIVERED, 6, null, "y", 6L, 0,
                    false)));
            assertThat(out.retryDead(new Outbox.Selection(null, null, null, null, null, 100), 7)).isEqualTo(1);
            assertThat(queueKey(database, second.id())).as("a retried dead one is back under its key").isEqualTo("k");
            assertThat(out.claim("n", 8, r -> 1_000, 10)).extracting(DeliveryRow::id).containsExactly(second.id());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void dead_deliveries_retried_together_go_back_in_line_oldest_first(TestDatabase db) throws Exception {
        try (Database database = open(db)) {
            Stores stores = new Stores(database.jdbi());
            Outbox out = stores.outbox();
            stores.events().append(List.of(event("c", "d1", "k"), event("c", "d2", "k")));
            List<String> order = new ArrayList<>();
            for (long now = 1; now <= 2; now++) {
                List<DeliveryRow> claimed = out.claim("n", now, r -> 1_000, 10);
                assertThat(claimed).hasSize(1);
                order.add(claimed.get(0).id());
                out.complete("n", now, List.of(new Completion(claimed.get(0).id(), "k", DeliveryState.DEAD, now,
                        "HTTP 400", null, null, 0, false)));
            }
            assertThat(out.claim("n", 3, r -> 1_000, 10)).as("both dead").isEmpty();

            assertThat(out.retryDead(new Outbox.Selection(null, null, null, null, null, 100), 4)).isEqualTo(2);

            assertThat(out.get(order.get(0)).orElseThrow().status()).isEqualTo(DeliveryState.PENDING);
            assertThat(out.get(order.get(1)).orElseThrow().status()).isEqualTo(DeliveryState.QUEUED);
            List<DeliveryRow> first = out.claim("n", 5, r -> 1_000, 10);
            assertThat(first).extracting(DeliveryRow::id).containsExactly(order.get(0));
            List<DeliveryRow> second = out.completeAndClaim("n", 6, List.of(new Completion(order.get(0), "k",
                    DeliveryState.DELIVERED, 6, null, null, 6L, 0, false)), () -> { }, () -> 10, Set::of,
                    r -> 1_000).claimed();
            assertThat(second).extracting(DeliveryRow::id).as("the newer one moved up behind it")
                    .containsExactly(order.get(1));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void a_long_conversation_backlog_is_delivered_in_order_one_head_at_a_time(TestDatabase db) throws Exception {
        try (Database database = open(db)) {
            Stores stores = new Stores(database.jdbi());
            Outbox out = stores.outbox();
            stores.events().append(events(50, i -> "hot"));
            stores.events().append(List.of(event("c", "late", "hot")));
            List<String> order = new ArrayList<>();
            List<DeliveryRow> claimed = out.claim("n", 1, r -> 1_000, 100);
            while (!claimed.isEmpty()) {
                assertThat(claimed).as("one head per key at a time").hasSize(1);
                order.add(claimed.get(0).id());
                claimed = out.completeAndClaim("n", 2, List.of(new Completion(claimed.get(0).id(), "hot",
                        DeliveryState.DELIVERED, 2, null, null, 2L, 0, false)), () -> { }, () -> 100,
                        java.util.Set::of, r -> 1_000).claimed();
            }
            assertThat(order).hasSize(51).isSorted();
            assertThat(out.backlog().depth()).isZero();
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void retention_deletes_old_conversation_history_but_keeps_the_conversation(TestDatabase db) throws Exception {
        try (Database database = open(db)) {
            Stores stores = new Stores(database.jdbi());
            String key = "con_T:5511999990001";
            String conversation = ConversationStore.idOf(key);
            NewEvent e = event("con_T", "m1");
            ConversationWrites writes = new ConversationWrites(
                    List.of(new ConversationWrites.Touch(conversation, "default", key, "con_T", "5511999990001", "Ana", 1)),
                    List.of(new ConversationMessageRow(ConversationStore.messageIdOf(e.event().id()), conversation,
                            "con_T", ConversationMessageRow.INBOUND, e.event().id(), null, "m1", "received", 1, null,
                            "Ana", "{\"kind\":\"text\",\"text\":\"oi\"}", 1, 1)),
                    List.of());
            stores.events().append(List.of(new NewEvent(e.event(), e.deliveries(), writes)));
            assertThat(stores.conversations().messages(conversation, null, 10).items()).hasSize(1);
            assertThat(stores.conversations().purge(1, 100)).as("nothing made before 1 ms after the epoch").isZero();
            assertThat(stores.conversations().purge(System.currentTimeMillis() + 60_000, 100)).isEqualTo(1);
            assertThat(stores.conversations().messages(conversation, null, 10).items()).isEmpty();
            assertThat(stores.conversations().get(conversation).orElseThrow().messageCount()).isEqualTo(1);
        }
    }
}
