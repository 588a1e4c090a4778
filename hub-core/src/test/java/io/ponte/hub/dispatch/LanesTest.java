package io.ponte.hub.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import io.ponte.hub.storage.DeliveryRow;
import io.ponte.hub.storage.DeliveryState;
import io.ponte.hub.storage.Outbox.Local.Hold;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A cancel and a lane over one conversation, in memory: what {@link Lanes#withdraw} may take out of a lane, and what
 * it must refuse because the lane has taken it to send.
 */
class LanesTest {

    private static final String KEY = "con_out|5511999990000";

    private final List<String> started = new ArrayList<>();
    private final Lanes lanes = new Lanes(new FairShare(8, target -> 8), row -> 60_000L, true);

    LanesTest() {
        lanes.open((lane, first) -> started.add(first.row().id()));
    }

    /** A lane sending dlv_1, with dlv_2 and dlv_3 waiting behind it (as the inbox's commits leave them). */
    private Lanes.Lane laneOfThree() {
        assertThat(lanes.head(row("dlv_1"), "{}")).isPositive();
        lanes.enqueueEnded(true);
        assertThat(lanes.follow(row("dlv_2"), "{}", 1)).isTrue();
        assertThat(lanes.follow(row("dlv_3"), "{}", 2)).isTrue();
        lanes.enqueueEnded(true);
        assertThat(started).containsExactly("dlv_1");
        return lanes.lane(KEY);
    }

    @Test
    void a_waiting_delivery_is_taken_out_and_the_lane_goes_on_with_the_rest_in_order() {
        Lanes.Lane lane = laneOfThree();
        assertThat(lanes.withdraw(KEY, "dlv_2")).isEqualTo(Hold.WITHDRAWN);
        assertThat(lanes.withdraw(KEY, "dlv_2")).as("already out").isEqualTo(Hold.NONE);
        Lanes.Work next = lanes.next(lane, true, true);
        assertThat(next.row().id()).isEqualTo("dlv_3");
        assertThat(lanes.next(lane, true, true)).isNull();
    }

    @Test
    void one_the_lane_is_sending_is_refused() {
        Lanes.Lane lane = laneOfThree();
        assertThat(lanes.withdraw(KEY, "dlv_1")).as("running").isEqualTo(Hold.SENDING);
        Lanes.Work second = lanes.next(lane, true, true);
        assertThat(second.row().id()).isEqualTo("dlv_2");
        assertThat(lanes.withdraw(KEY, "dlv_2")).as("taken from the waiting line: being sent").isEqualTo(Hold.SENDING);
        assertThat(lanes.withdraw(KEY, "dlv_3")).isEqualTo(Hold.WITHDRAWN);
    }

    @Test
    void a_delivery_of_a_key_no_lane_sends_is_not_held() {
        assertThat(lanes.withdraw(KEY, "dlv_9")).isEqualTo(Hold.NONE);
        laneOfThree();
        assertThat(lanes.withdraw("con_out|other", "dlv_2")).isEqualTo(Hold.NONE);
    }

    @Test
    void when_the_cancel_did_not_commit_the_lane_stops_before_the_deliveries_behind_it() {
        Lanes.Lane lane = laneOfThree();
        assertThat(lanes.withdraw(KEY, "dlv_2")).isEqualTo(Hold.WITHDRAWN);
        lanes.withdrawFailed(KEY);
        // dlv_2 is still queued in the database: dlv_3 must not go before it, so the lane sends nothing more and
        // both move up through the queue after dlv_1's outcome
        assertThat(lanes.next(lane, true, true)).isNull();
        assertThat(lanes.follow(row("dlv_4"), "{}", 3)).as("a stopped lane takes no one").isFalse();
        assertThat(lanes.working()).containsExactly("dlv_1");
    }

    @Test
    void a_new_delivery_never_joins_ahead_of_the_queued_ones_a_new_lane_took_over_but_has_not_lined_up_yet() {
        // a cycle promotes dlv_3 and takes over dlv_4, queued behind it; its commit releases the key's queue row, so
        // the inbox can store dlv_5 (2 unfinished before it: both this lane's) before the cycle hands dlv_4 over
        assertThat(lanes.promoted(row("dlv_3"))).isPositive();
        lanes.adopt(row("dlv_3"), List.of(row("dlv_4")));
        boolean joined = lanes.follow(row("dlv_5"), "{}", 2);
        lanes.enqueueEnded(true);
        lanes.cycleCommitted(r -> "{}", List.of(row("dlv_3")));

        Lanes.Lane lane = lanes.lane(KEY);
        List<String> sent = new ArrayList<>(started);
        for (Lanes.Work w = lanes.next(lane, true, true); w != null; w = lanes.next(lane, true, true)) {
            sent.add(w.row().id());
        }
        assertThat(sent).as("the order the lane sends in").startsWith("dlv_3", "dlv_4");
        // dlv_5 waits in the database and moves up after dlv_4's outcome
        assertThat(joined).isFalse();
        assertThat(sent).containsExactly("dlv_3", "dlv_4");
        // once it is lined up the lane takes followers again (counted here as if dlv_5 had been cancelled)
        assertThat(lanes.follow(row("dlv_6"), "{}", 2)).isTrue();
    }

    private static DeliveryRow row(String id) {
        return new DeliveryRow(id, "default", "evt_" + id, "rte_1", "con_out", "message.send", "{}", KEY,
                DeliveryState.QUEUED, 0, 0L, null, null, null, 0L, 0L, null);
    }
}
