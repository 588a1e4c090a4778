package io.ponte.hub.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    @TempDir
    Path dir;

    @Test
    void uses_the_documented_defaults() {
        HubConfig c = ConfigLoader.load(Map.of(), null);
        assertThat(c.httpPort()).isEqualTo(8080);
        assertThat(c.dataDir()).isEqualTo(Path.of("./data").toAbsolutePath().normalize());
        assertThat(c.dbUrl()).startsWith("jdbc:h2:file:").endsWith("/data/ponte");
        assertThat(c.adminToken()).isEmpty();
        assertThat(c.logFormat()).isEqualTo("text");
    }

    @Test
    void the_management_listener_is_off_unless_a_port_is_set_binds_loopback_and_needs_a_port_of_its_own() {
        assertThat(ConfigLoader.load(Map.of(), null).managementPort()).isEmpty();
        assertThat(ConfigLoader.load(Map.of(), null).pluginsUpload()).isTrue();
        HubConfig on = ConfigLoader.load(Map.of("PONTE_MANAGEMENT_PORT", "9464", "PONTE_PLUGINS_UPLOAD", "off"), null);
        assertThat(on.managementPort()).hasValue(9464);
        assertThat(on.managementHost()).isEqualTo("127.0.0.1");
        assertThat(on.pluginsUpload()).isFalse();
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("PONTE_MANAGEMENT_PORT", "8080"), null))
                .isInstanceOf(ConfigException.class).hasMessageContaining("PONTE_MANAGEMENT_PORT")
                .hasMessageContaining("PONTE_HTTP_PORT");
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("PONTE_PLUGINS_UPLOAD", "maybe"), null))
                .hasMessageContaining("PONTE_PLUGINS_UPLOAD").hasMessageContaining("[on, off]");
    }

    @Test
    void reads_yaml_and_lets_the_environment_win() throws Exception {
        Path yaml = dir.resolve("ponte.yaml");
        Files.writeString(yaml, """
                http:
                  port: 9000
                data.dir: /tmp/ponte-yaml
                log:
                  format: json
                """);
        HubConfig c = ConfigLoader.load(Map.of("PONTE_HTTP_PORT", "9100"), yaml);
        assertThat(c.httpPort()).isEqualTo(9100);
        assertThat(c.dataDir()).isEqualTo(Path.of("/tmp/ponte-yaml"));
        assertThat(c.logFormat()).isEqualTo("json");
        HubConfig viaEnv = ConfigLoader.load(Map.of("PONTE_CONFIG", yaml.toString()), null);
        assertThat(viaEnv.httpPort()).isEqualTo(9000);
    }

    @Test
    void refuses_invalid_settings_naming_them() {
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("PONTE_HTTP_PORT", "eighty"), null))
                .isInstanceOf(ConfigException.class).hasMessageContaining("PONTE_HTTP_PORT").hasMessageContaining("eighty");
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("PONTE_MASTER_KEY", "c2hvcnQ="), null))
                .hasMessageContaining("PONTE_MASTER_KEY").hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("PONTE_DB_URL", "jdbc:mysql://x/y?password=hunter2"), null))
                .hasMessageContaining("PONTE_DB_URL").hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("PONTE_ADMIN_TOKEN", "short"), null))
                .hasMessageContaining("PONTE_ADMIN_TOKEN");
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("PONTE_LOG_FORMAT", "xml"), null))
                .hasMessageContaining("PONTE_LOG_FORMAT");
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("PONTE_PUBLIC_URL", "ftp://x"), null))
                .hasMessageContaining("PONTE_PUBLIC_URL");
    }

    @Test
    void refuses_an_unknown_yaml_setting_and_a_missing_file() throws Exception {
        Path yaml = dir.resolve("bad.yaml");
        Files.writeString(yaml, "http:\n  prot: 9000\n");
        assertThatThrownBy(() -> ConfigLoader.load(Map.of(), yaml)).hasMessageContaining("http.prot");
        assertThatThrownBy(() -> ConfigLoader.load(Map.of(), dir.resolve("missing.yaml")))
                .hasMessageContaining("no such file");
    }

    @Test
    void never_prints_secrets() {
        HubConfig c = ConfigLoader.load(Map.of("PONTE_ADMIN_TOKEN", "a-very-secret-token-123",
                "PONTE_DB_URL", "jdbc:postgresql://h/db?user=u&password=hunter2"), null);
        assertThat(c.toString()).doesNotContain("a-very-secret-token-123").doesNotContain("hunter2");
    }
}
