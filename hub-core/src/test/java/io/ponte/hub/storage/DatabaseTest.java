package io.ponte.hub.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.ponte.hub.config.ConfigLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DatabaseTest {

    @Test
    void the_h2_url_gets_the_hubs_settings_unless_it_sets_them_itself() {
        String url = Database.h2Url("jdbc:h2:file:/data/ponte");
        assertThat(url).contains(";WRITE_DELAY=0", ";DB_CLOSE_ON_EXIT=FALSE", ";LOCK_TIMEOUT=10000",
                ";CACHE_SIZE=" + Database.H2_CACHE_KB, ";QUERY_CACHE_SIZE=" + Database.H2_QUERY_CACHE);

        String own = Database.h2Url(
                "jdbc:h2:file:/data/ponte;cache_size=65536;LOCK_TIMEOUT=500;Query_Cache_Size=16");
        assertThat(own).contains(";cache_size=65536", ";LOCK_TIMEOUT=500", ";Query_Cache_Size=16")
                .doesNotContain(";CACHE_SIZE=" + Database.H2_CACHE_KB, ";LOCK_TIMEOUT=10000",
                        ";QUERY_CACHE_SIZE=" + Database.H2_QUERY_CACHE);
    }

    @Test
    void h2_opens_with_the_hubs_page_cache_or_the_one_the_url_asks_for() throws Exception {
        assertThat(settingOf(null, "CACHE_SIZE")).isEqualTo(String.valueOf(Database.H2_CACHE_KB));
        assertThat(settingOf(";CACHE_SIZE=8192", "CACHE_SIZE")).isEqualTo("8192");
    }

    @Test
    void h2_keeps_the_hubs_number_of_parsed_statements_or_the_one_the_url_asks_for() throws Exception {
        assertThat(settingOf(null, "QUERY_CACHE_SIZE")).isEqualTo(String.valueOf(Database.H2_QUERY_CACHE));
        assertThat(settingOf(";QUERY_CACHE_SIZE=8", "QUERY_CACHE_SIZE")).isEqualTo("8");
    }

    /** A setting as H2 reports it for a hub database opened with {@code suffix} appended to its default URL. */
    private static String settingOf(String suffix, String setting) throws Exception {
        Path dir = Files.createTempDirectory("ponte-db-");
        Map<String, String> env = new HashMap<>();
        env.put("PONTE_DATA_DIR", dir.toString());
        if (suffix != null) {
            env.put("PONTE_DB_URL", "jdbc:h2:file:" + dir.resolve("ponte") + suffix);
        }
        try (Database db = new Database(ConfigLoader.load(env, null))) {
            return db.jdbi().withHandle(h -> h.createQuery(
                    "SELECT setting_value FROM information_schema.settings WHERE upper(setting_name) = :name")
                    .bind("name", setting).mapTo(String.class).one());
        }
    }
}
