package io.ponte.hub;

import io.ponte.hub.config.ConfigException;
import io.ponte.hub.config.ConfigLoader;
import io.ponte.hub.config.HubConfig;
import io.ponte.hub.observability.LogSetup;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code java -jar ponte.jar [--config ponte.yaml]}. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        Path configFile = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--config") && i + 1 < args.length) {
                configFile = Path.of(args[++i]);
            } else if (args[i].startsWith("--config=")) {
                configFile = Path.of(args[i].substring("--config=".length()));
            } else if (args[i].equals("--help") || args[i].equals("-h")) {
                System.out.println("usage: java -jar ponte.jar [--config ponte.yaml]\nsettings: see README.md; "
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
}
