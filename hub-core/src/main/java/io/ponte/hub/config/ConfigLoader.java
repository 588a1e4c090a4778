package io.ponte.hub.config;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Reads the hub's settings from the environment and an optional YAML file; the environment wins. Every setting has
 * one dotted name ({@code http.port}) used in YAML (nested or flat) and one environment name ({@code PONTE_HTTP_PORT}).
 */
public final class ConfigLoader {

    /** The settings, in README order: dotted name, documentation. */
    public static final List<String[]> SETTINGS = List.of(
            new String[]{"http.port", "HTTP port; 0 picks a free one", "8080"},
            new String[]{"http.host", "interface to bind", "0.0.0.0"},
            new String[]{"management.port", "port of the management listener (/metrics, /health/*, no token); 0 picks a free one", "unset (no listener)"},
            new String[]{"management.host", "interface the management listener binds", "127.0.0.1"},
            new String[]{"trusted.proxies", "reverse proxies (IPs or CIDR ranges) whose X-Forwarded-For names the client, comma-separated", "none"},
            new String[]{"data.dir", "H2 files, master key file, node id", "./data"},
            new String[]{"plugins.dir", "plugin zips/jars", "plugins/ beside ponte.jar"},
            new String[]{"db.url", "JDBC URL (jdbc:h2:... or jdbc:postgresql://...)", "H2 file in the data dir"},
            new String[]{"db.user", "database user", "sa for H2"},
            new String[]{"db.password", "database password", "empty"},
            new String[]{"db.pool.size", "connection pool size", "10"},
            new String[]{"admin.token", "bootstrap admin bearer token", "generated and printed once"},
            new String[]{"master.key", "base64 of 32 bytes, encrypts connection secrets", "generated into the data dir"},
            new String[]{"public.url", "the hub's public base URL (for webhook registration)", "unset"},
            new String[]{"log.format", "text or json", "text"},
            new String[]{"log.level", "root log level", "INFO"},
            new String[]{"http.max.body.bytes", "largest accepted request body", "1048576"},
            new String[]{"ingest.batch.size", "most envelopes per group commit", "1000"},
            new String[]{"dispatch.concurrency", "most actions in flight per node", "256"},
            new String[]{"dispatch.poll.interval.ms", "idle poll interval of the dispatcher", "250"},
            new String[]{"dispatch.lanes", "on, or off to send every delivery through the claim query (for comparison)", "on"},
            new String[]{"outbound.http", "http1 (the hub's own HTTP/1.1 over kept-alive sockets) or jdk (the JDK client, HTTP/2 where the provider offers it)", "http1"},
            new String[]{"db.shared.writer", "H2: on (the inbox's writer commits the dispatcher's cycles too), or off", "on"},
            new String[]{"ingest.journal", "H2 file: on (a webhook is answered once appended to the inbox's journal in the data dir, its group commit follows), or off (answered after its commit)", "on"},
            new String[]{"ingest.gather.ms", "H2 file with the journal: how long a small group of requests already answered from the journal waits for more before its commit (fewer, fuller commits: less CPU per message; their deliveries start up to this much later); 0 commits at once", "10"},
            new String[]{"action.timeout.seconds", "default action timeout", "30"},
            new String[]{"retention.days", "days to keep finished events (and their dedupe keys), at least 7", "30"},
            new String[]{"media.max.bytes", "largest inbound media file the hub downloads and stores", "104857600"},
            new String[]{"media.store", "where downloaded media are kept: local (the data dir, per node) or s3://bucket/prefix (shared by every node)", "local"},
            new String[]{"media.s3.endpoint", "S3-compatible endpoint (MinIO, R2, Ceph...); unset for AWS S3", "unset"},
            new String[]{"media.s3.region", "the bucket's region", "us-east-1"},
            new String[]{"media.s3.access.key", "access key id; unset for the AWS default chain (AWS_ACCESS_KEY_ID, profile, instance role)", "unset"},
            new String[]{"media.s3.secret.key", "secret access key (with media.s3.access.key)", "unset"},
            new String[]{"media.s3.path.style", "on for path-style URLs (MinIO and most S3-compatible servers), off for virtual-hosted", "on with an endpoint, off without"},
            new String[]{"hooks.max.body.bytes", "largest accepted webhook body (Meta sends up to 3 MB)", "4194304"},
            new String[]{"rate.limit.admin", "admin API requests per token, <n>/<duration> or off", "6000/1m"},
            new String[]{"rate.limit.hooks", "webhook requests per connection, <n>/<duration> or off", "60000/1m"},
            new String[]{"cors.origins", "origins allowed to call the admin API from a browser, comma-separated", "none (CORS off)"},
            new String[]{"outbound.policy", "default (deny link-local and metadata), strict (also loopback and private) or off", "default"},
            new String[]{"outbound.allow", "hosts connections may always call (host or *.domain), comma-separated", "none"},
            new String[]{"plugin.max.bytes", "largest plugin file POST /api/v1/plugins takes", "67108864"},
            new String[]{"max.hops", "most hops of one chain of envelopes the hub routes (stops loops)", "10"},
            new String[]{"plugins.upload", "on, or off to refuse POST /api/v1/plugins (plugins only from the plugins dir)", "on"});

    private ConfigLoader() {
    }

    /** The environment variable of a dotted setting name: {@code http.port} → {@code PONTE_HTTP_PORT}. */
    public static String envName(String dotted) {
        return "PONTE_" + dotted.toUpperCase(Locale.ROOT).replace('.', '_');
    }

    /**
     * Loads and validates.
     *
     * @param env        the environment
     * @param configFile the YAML file from {@code --config}, or null to use {@code PONTE_CONFIG} (if set)
     * @throws ConfigException naming the first bad setting
     */
    public static HubConfig load(Map<String, String> env, Path configFile) {
        Map<String, String> values = new LinkedHashMap<>();
        Path file = configFile != null ? configFile
                : Optional.ofNullable(env.get("PONTE_CONFIG")).filter(s -> !s.isBlank()).map(Path::of).orElse(null);
        if (file != null) {
            values.putAll(readYaml(file));
        }
        for (String[] setting : SETTINGS) {
            String v = env.get(envName(setting[0]));
            if (v != null && !v.isBlank()) {
                values.put(setting[0], v.trim());
            }
        }
        for (String key : values.keySet()) {
            if (SETTINGS.stream().noneMatch(s -> s[0].equals(key))) {
                throw new ConfigException(file + ": unknown setting '" + key + "'; known settings: "
                        + SETTINGS.stream().map(s -> s[0]).toList());
            }
        }
        Path dataDir = Path.of(values.getOrDefault("data.dir", "./data")).toAbsolutePath().normalize();
        Path pluginsDir = values.containsKey("plugins.dir")
                ? Path.of(values.get("plugins.dir")).toAbsolutePath().normalize() : defaultPluginsDir();
        String dbUrl = values.getOrDefault("db.url",
                "jdbc:h2:file:" + dataDir.resolve("ponte").toString().replace('\\', '/'));
        if (!dbUrl.startsWith("jdbc:h2:") && !dbUrl.startsWith("jdbc:postgresql:")) {
            throw new ConfigException(envName("db.url") + ": only jdbc:h2:... and jdbc:postgresql://... URLs are "
                    + "supported, got '" + dbUrl.replaceAll("password=[^;&]*", "password=***") + "'");
        }
        String dbUser = values.getOrDefault("db.user", dbUrl.startsWith("jdbc:h2:") ? "sa" : null);
        return new HubConfig(
                values.getOrDefault("http.host", "0.0.0.0"),
                intSetting(values, "http.port", 8080, 0, 65535),
                dataDir,
                pluginsDir,
                dbUrl,
                dbUser,
                values.getOrDefault("db.password", ""),
                Optional.ofNullable(values.get("admin.token")).map(t -> checkToken(t)),
                Optional.ofNullable(values.get("master.key")).map(ConfigLoader::masterKey),
                Optional.ofNullable(values.get("public.url")).map(ConfigLoader::publicUrl),
                oneOf(values, "log.format", "text", List.of("text", "json")),
                oneOf(values, "log.level", "INFO", List.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR")),
                intSetting(values, "http.max.body.bytes", 1 << 20, 1024, 64 << 20),
                intSetting(values, "ingest.batch.size", 1000, 1, 10_000),
                intSetting(values, "dispatch.concurrency", 256, 1, 10_000),
                Duration.ofMillis(intSetting(values, "dispatch.poll.interval.ms", 250, 10, 60_000)),
                Duration.ofSeconds(intSetting(values, "action.timeout.seconds", 30, 1, 3600)),
                intSetting(values, "db.pool.size", 10, 2, 200),
                Duration.ofDays(intSetting(values, "retention.days", 30, 7, 3650)),
                intSetting(values, "media.max.bytes", 100 << 20, 1024, Integer.MAX_VALUE),
                intSetting(values, "hooks.max.body.bytes", 4 << 20, 1024, 64 << 20),
                rateSetting(values, "rate.limit.admin", "6000/1m"),
                rateSetting(values, "rate.limit.hooks", "60000/1m"),
                origins(values.get("cors.origins")),
                OutboundMode.valueOf(oneOf(values, "outbound.policy", "default",
                        List.of("default", "strict", "off")).toUpperCase(Locale.ROOT)),
                commaList(values.get("outbound.allow")),
                intSetting(values, "plugin.max.bytes", 64 << 20, 1024, 512 << 20),
                intSetting(values, "max.hops", HubConfig.DEFAULT_MAX_HOPS, 1, 1000),
                managementPort(values),
                values.getOrDefault("management.host", "127.0.0.1"),
                oneOf(values, "plugins.upload", "on", List.of("on", "off")).equals("on"),
                trustedProxies(values.get("trusted.proxies")),
                mediaStore(values),
                oneOf(values, "dispatch.lanes", "on", List.of("on", "off")).equals("on"),
                oneOf(values, "db.shared.writer", "on", List.of("on", "off")).equals("on"),
                oneOf(values, "outbound.http", "http1", List.of("http1", "jdk")).equals("http1"),
                oneOf(values, "ingest.journal", "on", List.of("on", "off")).equals("on"),
                Duration.ofMillis(intSetting(values, "ingest.gather.ms", 10, 0, 1000)));
    }

    private static MediaStoreSettings mediaStore(Map<String, String> values) {
        String store = values.getOrDefault("media.store", "local");
        if (store.equals("local")) {
            for (String key : List.of("media.s3.endpoint", "media.s3.access.key", "media.s3.secret.key")) {
                if (values.containsKey(key)) {
                    throw new ConfigException(envName(key) + " is set but " + envName("media.store")
                            + " is local: set " + envName("media.store") + "=s3://<bucket>/<prefix> to use S3");
                }
            }
            return MediaStoreSettings.LOCAL;
        }
        java.util.regex.Matcher m = java.util.regex.Pattern
                .compile("s3://([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])(?:/([A-Za-z0-9!_.*'()/-]*))?").matcher(store);
        if (!m.matches()) {
            throw new ConfigException(envName("media.store") + ": expected local or s3://<bucket>[/<prefix>] (a "
                    + "bucket name of 3-63 lower-case letters, digits, dots and hyphens), got '" + store + "'");
        }
        String prefix = m.group(2) == null ? "" : m.group(2).replaceAll("^/+|/+$", "");
        Optional<URI> endpoint = Optional.ofNullable(values.get("media.s3.endpoint")).map(e -> {
            URI uri;
            try {
                uri = URI.create(e);
            } catch (IllegalArgumentException ex) {
                uri = null;
            }
            if (uri == null || uri.getHost() == null
                    || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
                throw new ConfigException(envName("media.s3.endpoint") + ": expected an http(s) URL such as "
                        + "https://minio.example.com:9000, got '" + e + "'");
            }
            return uri;
        });
        Optional<String> accessKey = Optional.ofNullable(values.get("media.s3.access.key"));
        Optional<String> secretKey = Optional.ofNullable(values.get("media.s3.secret.key"));
        if (accessKey.isPresent() != secretKey.isPresent()) {
            throw new ConfigException("set both " + envName("media.s3.access.key") + " and "
                    + envName("media.s3.secret.key") + ", or neither (to use the AWS default credentials chain)");
        }
        boolean pathStyle = values.containsKey("media.s3.path.style")
                ? oneOf(values, "media.s3.path.style", "on", List.of("on", "off")).equals("on")
                : endpoint.isPresent();
        return new MediaStoreSettings(m.group(1), prefix, endpoint, values.getOrDefault("media.s3.region",
                "us-east-1"), accessKey, secretKey, pathStyle);
    }

    private static List<String> commaList(String raw) {
        return raw == null ? List.of()
                : java.util.Arrays.stream(raw.split(",")).map(String::trim).filter(h -> !h.isEmpty()).toList();
    }

    private static List<String> trustedProxies(String raw) {
        List<String> entries = commaList(raw);
        try {
            io.ponte.hub.security.TrustedProxies.of(entries);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(envName("trusted.proxies") + ": " + e.getMessage()
                    + "; list the proxies' IP addresses or CIDR ranges, comma-separated");
        }
        return entries;
    }

    /** Unset: no management listener. It cannot share the public port (0, a free port, is fine for both). */
    private static OptionalInt managementPort(Map<String, String> values) {
        if (!values.containsKey("management.port")) {
            return OptionalInt.empty();
        }
        int port = intSetting(values, "management.port", 0, 0, 65535);
        if (port != 0 && port == intSetting(values, "http.port", 8080, 0, 65535)) {
            throw new ConfigException(envName("management.port") + ": must differ from " + envName("http.port")
                    + " (" + port + "): the management listener is a second port, for Prometheus and probes");
        }
        return OptionalInt.of(port);
    }

    private static Path defaultPluginsDir() {
        String classPath = System.getProperty("java.class.path", "");
        if (!classPath.contains(java.io.File.pathSeparator) && classPath.endsWith(".jar")) {
            Path jar = Path.of(classPath).toAbsolutePath();
            if (jar.getParent() != null) {
                return jar.getParent().resolve("plugins");
            }
        }
        return Path.of("plugins").toAbsolutePath();
    }

    private static String checkToken(String token) {
        if (token.length() < 16) {
            throw new ConfigException(envName("admin.token") + ": must be at least 16 characters long");
        }
        return token;
    }

    private static byte[] masterKey(String base64) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(envName("master.key") + ": is not valid base64 (generate one with: "
                    + "openssl rand -base64 32)");
        }
        if (key.length != 32) {
            throw new ConfigException(envName("master.key") + ": must decode to 32 bytes, got " + key.length
                    + " (generate one with: openssl rand -base64 32)");
        }
        return key;
    }

    private static URI publicUrl(String value) {
        try {
            URI uri = URI.create(value);
            if (uri.getScheme() == null || uri.getHost() == null
                    || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
                throw new IllegalArgumentException();
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new ConfigException(envName("public.url") + ": must be an absolute http(s) URL, got '" + value + "'");
        }
    }

    private static int intSetting(Map<String, String> values, String name, int def, int min, int max) {
        String raw = values.get(name);
        if (raw == null) {
            return def;
        }
        try {
            int v = Integer.parseInt(raw.trim());
            if (v < min || v > max) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new ConfigException(envName(name) + " (" + name + "): must be an integer between " + min + " and "
                    + max + ", got '" + raw + "'");
        }
    }

    /** {@code <permits>/<duration>} ({@code 600/1m}, {@code 20/1s}), or {@code off}. */
    private static HubConfig.Rate rateSetting(Map<String, String> values, String name, String def) {
        String raw = values.getOrDefault(name, def).trim().toLowerCase(Locale.ROOT);
        if (raw.equals("off") || raw.equals("0")) {
            return HubConfig.Rate.OFF;
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d{1,7})/(\\d{1,6})(s|m|h)").matcher(raw);
        if (!m.matches() || Integer.parseInt(m.group(1)) < 1 || Integer.parseInt(m.group(2)) < 1) {
            throw new ConfigException(envName(name) + " (" + name + "): must be <requests>/<duration> such as 600/1m "
                    + "or 20/1s (units s, m, h), or off; got '" + values.get(name) + "'");
        }
        long n = Long.parseLong(m.group(2));
        Duration per = switch (m.group(3)) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            default -> Duration.ofHours(n);
        };
        return new HubConfig.Rate(Integer.parseInt(m.group(1)), per);
    }

    private static List<String> origins(String raw) {
        if (raw == null || raw.isBlank()) {
            return List.of();
        }
        List<String> out = new java.util.ArrayList<>();
        for (String o : raw.split(",")) {
            String origin = o.trim();
            if (origin.isEmpty()) {
                continue;
            }
            try {
                URI uri = new URI(origin);
                if (!(origin.equals("*") || (uri.getScheme() != null && uri.getHost() != null && (uri.getPath() == null
                        || uri.getPath().isEmpty())))) {
                    throw new IllegalArgumentException();
                }
            } catch (Exception e) {
                throw new ConfigException(envName("cors.origins") + ": each origin must be scheme://host[:port] "
                        + "(no path) or *, got '" + origin + "'");
            }
            out.add(origin);
        }
        return List.copyOf(out);
    }

    private static String oneOf(Map<String, String> values, String name, String def, List<String> allowed) {
        String v = values.getOrDefault(name, def);
        String normalized = name.equals("log.level") ? v.toUpperCase(Locale.ROOT) : v.toLowerCase(Locale.ROOT);
        if (!allowed.contains(normalized)) {
            throw new ConfigException(envName(name) + " (" + name + "): must be one of " + allowed + ", got '" + v + "'");
        }
        return normalized;
    }

    private static Map<String, String> readYaml(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ConfigException("PONTE_CONFIG / --config: no such file " + file);
        }
        Object root;
        try (Reader reader = Files.newBufferedReader(file)) {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
        } catch (IOException | RuntimeException e) {
            throw new ConfigException(file + ": not valid YAML: " + e.getMessage());
        }
        Map<String, String> flat = new LinkedHashMap<>();
        if (root == null) {
            return flat;
        }
        if (!(root instanceof Map<?, ?> map)) {
            throw new ConfigException(file + ": must be a YAML mapping of settings");
        }
        flatten("", map, flat);
        return flat;
    }

    private static void flatten(String prefix, Map<?, ?> map, Map<String, String> out) {
        map.forEach((k, v) -> {
            String key = prefix + k;
            if (v instanceof Map<?, ?> nested) {
                flatten(key + ".", nested, out);
            } else if (v != null) {
                out.put(key, String.valueOf(v));
            }
        });
    }
}
