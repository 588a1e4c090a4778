package io.ponte.hub.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.ponte.hub.config.ConfigLoader;
import io.ponte.hub.storage.ChangeStore;
import io.ponte.hub.storage.Database;
import io.ponte.hub.storage.DeliveryRow;
import io.ponte.hub.storage.DeliveryState;
import io.ponte.hub.storage.EventRow;
import io.ponte.hub.storage.EventStore.NewEvent;
import io.ponte.hub.storage.Ids;
import io.ponte.hub.storage.Stores;
import io.ponte.hub.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The change feed's one order over several tables: read in small pages it gives exactly what one big read gives
 * (ties in the same millisecond included), only the tenant's rows, and nothing past the horizon.
 */
class ChangeFeedTest {

    static List<TestDatabase> databases() {
        return TestDatabase.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void small_pages_give_the_same_changes_as_one_read_once_each_in_order_and_only_the_tenants(TestDatabase db)
            throws Exception {
        Path dir = Files.createTempDirectory("ponte-feed-");
        Map<String, String> env = new HashMap<>();
        env.put("PONTE_DATA_DIR", dir.toString());
        String url = db.freshUrl(dir);
        if (url != null) {
            env.put("PONTE_DB_URL", url);
        }
        try (Database database = new Database(ConfigLoader.load(env, null))) {
            Stores stores = new Stores(database.jdbi());
            List<NewEvent> batch = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                batch.add(event(i % 5 == 0 ? "other" : "t1", "e" + i, 2));
            }
            stores.events().append(batch);
            AtomicLong uncommitted = new AtomicLong(Long.MAX_VALUE);
            Clock later = Clock.fixed(Instant.now().plusSeconds(10), ZoneOffset.UTC);
            ChangeFeed feed = new ChangeFeed(new ChangeStore(database.jdbi()), later, uncommitted::get);
            EnumSet<ChangeFeed.Kind> kinds = EnumSet.allOf(ChangeFeed.Kind.class);

            ChangeFeed.Page all = feed.after("t1", StreamCursor.after(0), kinds, 1000);
            assertThat(all.more()).isFalse();
            assertThat(all.changes()).hasSize(24 * 3); // 24 events of t1, each with 2 deliveries
            assertThat(all.changes()).allSatisfy(c -> assertThat(tenant(c)).isEqualTo("t1"));

            List<ChangeFeed.Change> paged = new ArrayList<>();
            StreamCursor cursor = StreamCursor.after(0);
            for (int round = 0; round < 100; round++) {
                ChangeFeed.Page page = feed.after("t1", cursor, kinds, 4);
                paged.addAll(page.changes());
                // what a client sends back after a reconnect: the written form of the last id it got
                cursor = StreamCursor.parse(page.next().toString(), "Last-Event-ID");
                if (page.changes().isEmpty()) {
                    break;
                }
            }
            assertThat(paged).containsExactlyElementsOf(all.changes());
            for (int i = 1; i < paged.size(); i++) {
                assertThat(paged.get(i).cursor()).isGreaterThan(paged.get(i - 1).cursor());
            }

            // rows stamped at or after the inbox's oldest uncommitted event are not read yet
            long first = paged.get(0).cursor().at();
            long last = paged.get(paged.size() - 1).cursor().at();
            uncommitted.set(first);
            assertThat(feed.after("t1", StreamCursor.after(0), kinds, 1000).changes()).isEmpty();
            uncommitted.set(last + 1);
            assertThat(feed.after("t1", StreamCursor.after(0), kinds, 1000).changes()).hasSize(paged.size());
            // and an admin-scope read (no tenant) sees every tenant's
            uncommitted.set(Long.MAX_VALUE);
            assertThat(feed.after(null, StreamCursor.after(0), kinds, 1000).changes()).hasSize(30 * 3);
        }
    }

    private static String tenant(ChangeFeed.Change c) {
        return c.row() instanceof EventRow e ? e.tenantId() : ((DeliveryRow) c.row()).tenantId();
    }

    /** An event with deliveries stamped in the same millisecond as its id (ties the order must break). */
    private static NewEvent event(String tenant, String externalId, int deliveries) {
        String id = Ids.next("evt");
        long at = Ids.millis(id);
        List<DeliveryRow> ds = new ArrayList<>();
        for (int i = 0; i < deliveries; i++) {
            ds.add(new DeliveryRow(Ids.next("dlv"), tenant, id, null, "con_T", "message.send", "{}",
                    "con_T|" + id + i, DeliveryState.PENDING, 0, at, null, null, null, at, at, null));
        }
        return new NewEvent(new EventRow(id, tenant, "con_S", "message.inbound", externalId, null, id, null, at, at,
                "{}", ds.size(), null), ds);
    }
}
