package io.ponte.hub.connections;

import static org.assertj.core.api.Assertions.assertThat;

import io.ponte.api.connector.SendRate;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SendThrottleTest {

    private static final long SECOND = 1_000_000_000L;
    private static final long NO_LIMIT = Long.MAX_VALUE;

    @Test
    void lets_a_burst_of_permits_through_then_spaces_actions_by_the_interval() {
        SendThrottle t = new SendThrottle(List.of(SendRate.perSecond(3)));
        assertThat(t.reserve("a", 0, NO_LIMIT)).isZero();
        assertThat(t.reserve("b", 0, NO_LIMIT)).isZero();
        assertThat(t.reserve("c", 0, NO_LIMIT)).isZero();
        long fourth = t.reserve("d", 0, NO_LIMIT);
        assertThat(fourth).isEqualTo(SECOND / 3);
        assertThat(t.reserve("e", 0, NO_LIMIT)).isEqualTo(2 * (SECOND / 3));
        // after a quiet second the burst is back
        assertThat(t.reserve("f", 3 * SECOND, NO_LIMIT)).isZero();
    }

    @Test
    void limits_each_conversation_separately_from_the_others() {
        SendThrottle t = new SendThrottle(List.of(SendRate.perConversation(1, Duration.ofSeconds(1))));
        assertThat(t.reserve("chat-1", 0, NO_LIMIT)).isZero();
        assertThat(t.reserve("chat-2", 0, NO_LIMIT)).isZero();
        assertThat(t.reserve("chat-1", 0, NO_LIMIT)).isEqualTo(SECOND);
        assertThat(t.reserve("chat-1", SECOND / 2, NO_LIMIT)).isEqualTo(SECOND + SECOND / 2);
    }

    @Test
    void a_wait_beyond_the_maximum_books_nothing() {
        SendThrottle t = new SendThrottle(List.of(SendRate.perConversation(1, Duration.ofSeconds(10))));
        assertThat(t.reserve("k", 0, SECOND)).isZero();
        assertThat(t.reserve("k", 0, SECOND)).isEqualTo(10 * SECOND);
        // not booked: the next one still waits the same 10 s, not 20 s
        assertThat(t.reserve("k", 0, NO_LIMIT)).isEqualTo(10 * SECOND);
    }

    @Test
    void the_stricter_of_the_connectors_and_the_admins_limits_wins_per_scope() {
        List<SendRate> effective = SendThrottle.effective(
                List.of(SendRate.perSecond(30), SendRate.perConversation(1, Duration.ofSeconds(1))),
                List.of(SendRate.perSecond(5), SendRate.perConversation(2, Duration.ofSeconds(1))));
        assertThat(effective).containsExactly(SendRate.perSecond(5), SendRate.perConversation(1, Duration.ofSeconds(1)));
        assertThat(new SendThrottle(List.of()).limited()).isFalse();
    }
}
