package io.ponte.kit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code Retry-After} as RFC 9110 defines it: delta-seconds or an HTTP-date. */
class RetryAfterTest {

    private static final Instant NOW = Instant.parse("2026-01-01T10:00:00Z");

    @Test
    void reads_delta_seconds() {
        assertThat(RetryAfter.parse("120", NOW)).isEqualTo(Duration.ofSeconds(120));
        assertThat(RetryAfter.parse(" 0 ", NOW)).isEqualTo(Duration.ZERO);
    }

    @Test
    void reads_an_http_date_relative_to_now() {
        assertThat(RetryAfter.parse("Thu, 01 Jan 2026 10:01:30 GMT", NOW)).isEqualTo(Duration.ofSeconds(90));
    }

    @Test
    void treats_a_date_in_the_past_as_now() {
        assertThat(RetryAfter.parse("Thu, 01 Jan 2026 09:00:00 GMT", NOW)).isEqualTo(Duration.ZERO);
    }

    @Test
    void caps_the_wait_at_one_day() {
        assertThat(RetryAfter.parse("172800", NOW)).isEqualTo(Duration.ofDays(1));
        assertThat(RetryAfter.parse("99999999999999999999999", NOW)).isEqualTo(Duration.ofDays(1));
        assertThat(RetryAfter.parse("Sat, 10 Jan 2026 10:00:00 GMT", NOW)).isEqualTo(Duration.ofDays(1));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"soon", "-5", "1.5", "2026-01-01T10:01:00Z"})
    void ignores_what_it_cannot_read(String value) {
        assertThat(RetryAfter.parse(value, NOW)).isNull();
    }
}
