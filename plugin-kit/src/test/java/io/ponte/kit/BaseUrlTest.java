package io.ponte.kit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ponte.api.config.ConfigException;
import io.ponte.api.config.ConfigField;
import io.ponte.api.config.FieldType;
import java.net.URI;
import org.junit.jupiter.api.Test;

class BaseUrlTest {

    private static final ConfigField FIELD = ConfigField.optional("apiBaseUrl", FieldType.URL, "the API");

    @Test
    void drops_trailing_slashes_so_paths_can_follow() {
        assertThat(BaseUrl.of(FIELD, URI.create("https://api.example.com/v2//"))).hasToString("https://api.example.com/v2");
        assertThat(BaseUrl.of(FIELD, URI.create("http://127.0.0.1:8080"))).hasToString("http://127.0.0.1:8080");
    }

    @Test
    void refuses_a_query_a_fragment_or_credentials_naming_the_field_not_the_url() {
        for (String bad : new String[]{"https://api.example.com/?key=s3cr3t", "https://api.example.com/#x",
                "https://user:s3cr3t@api.example.com"}) {
            assertThatThrownBy(() -> BaseUrl.of(FIELD, URI.create(bad))).isInstanceOf(ConfigException.class)
                    .hasMessageStartingWith("apiBaseUrl: ").hasMessageNotContaining("s3cr3t");
        }
    }
}
