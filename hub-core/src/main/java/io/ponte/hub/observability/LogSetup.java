package io.ponte.hub.observability;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import ch.qos.logback.core.encoder.Encoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Configures logging from the hub settings: text (MDC ids inline) or one JSON object per line with the MDC
 * ({@code tenant}, {@code connection}, {@code event}, {@code delivery}) as fields.
 */
public final class LogSetup {

    private LogSetup() {
    }

    public static void configure(String format, String level) {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            configure(context, format, level);
        }
    }

    /**
     * Logback's first configuration, before the settings are read: text at {@code PONTE_LOG_LEVEL}. Found through
     * {@code META-INF/services} instead of a {@code logback.xml}, because parsing XML (the JDK's XML stack and
     * Logback's Joran) took about 0.2 s of every start.
     */
    public static final class Startup extends ContextAwareBase implements Configurator {

        @Override
        public ExecutionStatus configure(LoggerContext context) {
            LogSetup.configure(context, "text", System.getenv().getOrDefault("PONTE_LOG_LEVEL", "INFO"));
            return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
        }
    }

    private static void configure(LoggerContext context, String format, String level) {
        context.reset();
        QuietPluginChecks quiet = new QuietPluginChecks();
        quiet.setContext(context);
        quiet.start();
        context.addTurboFilter(quiet);
        Encoder<ILoggingEvent> encoder;
        if ("json".equals(format)) {
            JsonEncoder json = new JsonEncoder();
            json.setWithSequenceNumber(false);
            json.setWithNanoseconds(false);
            json.setWithContext(false);
            json.setWithArguments(false);
            json.setWithFormattedMessage(true);
            json.setWithMessage(false);
            encoder = json;
        } else {
            PatternLayoutEncoder text = new PatternLayoutEncoder();
            text.setPattern("%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level [%thread] %logger{24} %mdc - %msg%n");
            encoder = text;
        }
        encoder.setContext(context);
        encoder.start();
        ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
        appender.setContext(context);
        appender.setName("console");
        appender.setEncoder(encoder);
        appender.start();
        ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.toLevel(level, Level.INFO));
        root.addAppender(appender);
        for (String noisy : new String[]{"org.eclipse.jetty", "com.zaxxer.hikari", "org.flywaydb", "org.pf4j",
                "io.javalin"}) {
            context.getLogger(noisy).setLevel(Level.toLevel(level, Level.INFO).isGreaterOrEqual(Level.WARN)
                    ? Level.toLevel(level) : Level.WARN);
        }
        // Flyway warns on every start that runs migrations when H2 is newer than the release it verified: the build
        // runs every migration on the H2 the hub ships with (MigrationsTest and the whole suite), so that warning
        // would only alarm self-hosters (a DEBUG or TRACE log still shows it)
        if (Level.toLevel(level, Level.INFO).isGreaterOrEqual(Level.INFO)) {
            context.getLogger("org.flywaydb.core.internal.database.base.Database").setLevel(Level.ERROR);
        }
    }
}
