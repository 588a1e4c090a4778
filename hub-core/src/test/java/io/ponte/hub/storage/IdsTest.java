package io.ponte.hub.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class IdsTest {

    @Test
    void ids_are_unique_and_strictly_increasing_within_a_process() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            ids.add(Ids.next("evt"));
        }
        assertThat(new HashSet<>(ids)).hasSize(ids.size());
        for (int i = 1; i < ids.size(); i++) {
            assertThat(ids.get(i).compareTo(ids.get(i - 1))).as(ids.get(i - 1) + " < " + ids.get(i)).isPositive();
        }
        assertThat(ids.get(0)).matches("evt_[0-9A-HJKMNP-TV-Z]{26}");
    }

    @Test
    void an_ids_time_reads_back_as_made_and_a_foreign_string_is_refused() {
        long before = System.currentTimeMillis();
        String id = Ids.next("dlv");
        assertThat(Ids.millis(id)).isBetween(before, System.currentTimeMillis());
        assertThat(Ids.millis(Ids.lowerBound("evt", 1_733_462_400_123L))).isEqualTo(1_733_462_400_123L);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Ids.millis("evt_short"))
                .isInstanceOf(IllegalArgumentException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Ids.millis("evt_01JD3!!!!!0000000000000000"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
