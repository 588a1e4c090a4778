package io.ponte.hub.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class InListsTest {

    @Test
    void a_list_is_padded_to_the_next_power_of_two_with_its_last_value() {
        assertThat(InLists.padded(List.of())).isEmpty();
        assertThat(InLists.padded(List.of("a"))).containsExactly("a");
        assertThat(InLists.padded(List.of("a", "b"))).containsExactly("a", "b");
        assertThat(InLists.padded(List.of("a", "b", "c"))).containsExactly("a", "b", "c", "c");
        assertThat(InLists.padded(List.of(1, 2, 3, 4, 5))).containsExactly(1, 2, 3, 4, 5, 5, 5, 5);
        assertThat(InLists.padded(java.util.stream.IntStream.range(0, 300).boxed().toList())).hasSize(512)
                .containsOnlyOnce(0).endsWith(299, 299);
    }
}
