package io.ponte.it;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.LoggerFactory;

/**
 * Fails a test during which the hub logged at ERROR: a client's mistake is answered, not logged as a fault of the
 * hub. Register it as a static {@code @RegisterExtension} field; it watches the root logger of the in-process hubs.
 */
final class NoErrorLogged implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {

    private final List<String> errors = new CopyOnWriteArrayList<>();
    private final AppenderBase<ILoggingEvent> watch = new AppenderBase<>() {
        @Override
        protected void append(ILoggingEvent event) {
            if (event.getLevel().isGreaterOrEqual(Level.ERROR)) {
                errors.add(event.getLoggerName() + ": " + event.getFormattedMessage());
            }
        }
    };

    @Override
    public void beforeAll(ExtensionContext context) {
        watch.setContext((LoggerContext) LoggerFactory.getILoggerFactory());
        watch.start();
        root().addAppender(watch);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        root().detachAppender(watch);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        errors.clear();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        assertThat(errors).as("ERROR lines in the hub log").isEmpty();
    }

    private static Logger root() {
        return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }
}
