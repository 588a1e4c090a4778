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

    private static DeliveryRow row(String id) {
        return new DeliveryRow(id, "default", "evt_" + id, "rte_1", "con_out", "message.send", "{}", KEY,
                DeliveryState.QUEUED, 0, 0L, null, null, null, 0L, 0L, null);
    }
}
