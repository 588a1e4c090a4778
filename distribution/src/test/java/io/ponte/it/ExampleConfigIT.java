package io.ponte.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.ponte.hub.config.ConfigLoader;
import io.ponte.hub.config.HubConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExampleConfigIT {

    @Test
    void the_shipped_example_config_is_valid() {
        HubConfig config = ConfigLoader.load(Map.of(), Distribution.dir().resolve("conf/ponte.yaml"));
        assertThat(config.httpPort()).isEqualTo(8080);
        assertThat(config.dispatchConcurrency()).isEqualTo(256);
        assertThat(config.isH2()).isTrue();
    }
}
