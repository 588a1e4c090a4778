package io.ponte.hub.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import io.ponte.hub.connections.DeliverySettings;
import io.ponte.hub.errors.ValidationException.FieldError;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    private final DeliverySettings defaults = DeliverySettings.parse(null, Duration.ofSeconds(30), new ArrayList<>());

    @Test
    void the_default_schedule_spans_about_a_day_in_eight_attempts() {
        assertThat(defaults.maxAttempts()).isEqualTo(8);
        Duration total = defaults.retrySchedule().stream().reduce(Duration.ZERO, Duration::plus);
        assertThat(total).isBetween(Duration.ofHours(24), Duration.ofHours(30));
        assertThat(defaults.retrySchedule().get(0)).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void delays_are_jittered_within_twenty_percent_and_end_at_the_budget() {
        for (int i = 0; i < 200; i++) {
            Duration d = RetryPolicy.nextDelay(defaults, 2, null);
            assertThat(d.toMillis()).isBetween(240_000L, 360_000L);
        }
        assertThat(RetryPolicy.nextDelay(defaults, 8, null)).isNull();
    }

    @Test
    void honours_retry_after_capped_at_a_day() {
        assertThat(RetryPolicy.nextDelay(defaults, 1, Duration.ofSeconds(42))).isEqualTo(Duration.ofSeconds(42));
        assertThat(RetryPolicy.nextDelay(defaults, 1, Duration.ofDays(9))).isEqualTo(Duration.ofDays(1));
    }

    @Test
    void parses_per_connection_settings_and_names_bad_fields() {
        List<FieldError> errors = new ArrayList<>();
        DeliverySettings s = DeliverySettings.parse(io.ponte.hub.testing.TestHub.parse(
                "{\"retrySchedule\":[\"500ms\",\"2m\"],\"timeoutSeconds\":7,\"maxConcurrency\":4}"),
                Duration.ofSeconds(30), errors);
        assertThat(errors).isEmpty();
        assertThat(s.retrySchedule()).containsExactly(Duration.ofMillis(500), Duration.ofMinutes(2));
        assertThat(s.maxAttempts()).isEqualTo(3);
        DeliverySettings.parse(io.ponte.hub.testing.TestHub.parse(
                "{\"retrySchedule\":[\"soon\"],\"timeoutSeconds\":0,\"colour\":1}"), Duration.ofSeconds(30), errors);
        assertThat(errors).extracting(FieldError::field)
                .containsExactlyInAnyOrder("delivery.retrySchedule[0]", "delivery.timeoutSeconds", "delivery.colour");
    }
}
