package io.ponte.api.connector;

import java.time.Duration;
import java.util.Objects;

/**
 * A provider's send limit that the hub's dispatcher enforces before it invokes an action: at most
 * {@code permits} actions per {@code per}, either for the whole connection or per conversation (per contact). A
 * delivery that would exceed it waits; the wait never counts as an attempt.
 *
 * <p>Limits are per hub node. An admin can lower them per connection ({@code delivery.sendRates}); the stricter
 * value wins.
 *
 * @param permits how many actions, at least 1
 * @param per     in how long, positive
 * @param scope   what the limit counts over; never null
 * @since 1.1.0
 */
public record SendRate(int permits, Duration per, Scope scope) {

    /** What a {@link SendRate} counts over. */
    public enum Scope {
        /** Every action of the connection (a WhatsApp number's throughput, a bot's global limit). */
        CONNECTION,
        /** The actions of one conversation, i.e. to one contact (Telegram's about one message a second per chat). */
        CONVERSATION;

        /** The written form (JSON, the database): the name in lower case. */
        @com.fasterxml.jackson.annotation.JsonValue
        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** Checks the values. */
    public SendRate {
        Objects.requireNonNull(per, "per");
        Objects.requireNonNull(scope, "scope");
        if (permits < 1) {
            throw new IllegalArgumentException("permits must be at least 1");
        }
        if (per.isNegative() || per.isZero()) {
            throw new IllegalArgumentException("per must be positive");
        }
    }

    /** At most {@code permits} per second over the whole connection. */
    public static SendRate perSecond(int permits) {
        return new SendRate(permits, Duration.ofSeconds(1), Scope.CONNECTION);
    }

    /** At most {@code permits} per {@code per} to one contact. */
    public static SendRate perConversation(int permits, Duration per) {
        return new SendRate(permits, per, Scope.CONVERSATION);
    }

    /** The sustained rate in actions per second. */
    public double perSecondRate() {
        return permits * 1_000_000_000d / per.toNanos();
    }
}
