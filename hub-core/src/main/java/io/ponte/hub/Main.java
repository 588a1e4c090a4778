package io.ponte.hub;

import io.ponte.hub.config.ConfigException;
import io.ponte.hub.config.ConfigLoader;
import io.ponte.hub.config.HubConfig;
import io.ponte.hub.observability.LogSetup;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code java -jar ponte.jar [rotate-master-key | compact-database] [--config ponte.yaml]}. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        Path configFile = null;
        boolean rotate = false;
        boolean compact = false;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("rotate-master-key")) {
                rotate = true;
            } else if (args[i].equals("compact-database")) {
                compact = true;
            } else if (args[i].equals("--config") && i + 1 < args.length) {
                configFile = Path.of(args[++i]);
            } else if (args[i].startsWith("--config=")) {
                configFile = Path.of(args[i].substring("--config=".length()));
            } else if (args[i].equals("--help") || args[i].equals("-h")) {
                System.out.println("usage: java -jar ponte.jar [--config ponte.yaml]   run the hub\n"
                        + "       java -jar ponte.jar rotate-master-key [--config ponte.yaml]   re-encrypt every "
                        + "secret under a new master key (stop the hub first)\n"
                        + "       java -jar ponte.jar compact-database [--config ponte.yaml]   shrink the H2 file to "
                        + "its live data (stop the hub first)\nsettings: see README.md; "
                        + "every setting is also an environment variable (PONTE_...)");
                return;
            } else {
                System.err.println("ponte: unknown argument '" + args[i] + "' (usage: java -jar ponte.jar "
                        + "[--config ponte.yaml])");
                System.exit(2);
            }
        }
        HubConfig config;
        try {
            config = ConfigLoader.load(System.getenv(), configFile);
        } catch (ConfigException e) {
            System.err.println("ponte: invalid configuration: " + e.getMessage());
            System.exit(2);
            return;
        }
        LogSetup.configure(config.logFormat(), config.logLevel());
        Logger log = LoggerFactory.getLogger(Main.class);
        if (rotate) {
            rotate(config, log);
            return;
        }
        if (compact) {
            compact(config, log);
            return;
        }
        Hub hub;
        try {
            hub = Hub.start(config);
        } catch (ConfigException e) {
            System.err.println("ponte: invalid configuration: " + e.getMessage());
            System.exit(2);
            return;
        } catch (RuntimeException e) {
            log.error("ponte could not start: {}", e.getMessage(), e);
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(hub::close, "shutdown"));
        hub.generatedAdminToken().ifPresent(token -> System.out.println("""

                ==================================================================
                 Ponte generated an admin token (shown once, only its hash is kept):
                   %s
                 Use it as:  Authorization: Bearer <token>
                 Set PONTE_ADMIN_TOKEN to choose your own.
                ==================================================================
                """.formatted(token)));
        log.info("ponte listening on port {} ({})", hub.port(), config);
    }

    private static void compact(HubConfig config, Logger log) {
        try {
            io.ponte.hub.storage.H2Housekeeping.Compacted c = io.ponte.hub.storage.H2Housekeeping.compactFile(config);
            System.out.printf("ponte: compacted %s from %d MB to %d MB%n", c.file(), c.bytesBefore() >> 20,
                    c.bytesAfter() >> 20);
        } catch (RuntimeException e) {
            log.error("compacting the database failed, nothing changed: {}", e.getMessage());
            System.exit(1);
        }
    }

    private static void rotate(HubConfig config, Logger log) {
        try {
            io.ponte.hub.security.KeyRotation.Result r = io.ponte.hub.security.KeyRotation.rotate(config);
            System.out.println("ponte: re-encrypted the secrets of " + r.connections() + " connections");
            r.keyFile().ifPresent(f -> System.out.println("ponte: the new master key is in " + f + "; back it up"));
            r.keyForEnvironment().ifPresent(k -> System.out.println("\nThe new master key (shown once): set it "
                    + "before starting the hub again:\n  PONTE_MASTER_KEY=" + k + "\n"));
        } catch (RuntimeException e) {
            log.error("rotating the master key failed, nothing changed: {}", e.getMessage());
            System.exit(1);
        }
    }
}
