package io.ponte.testkit;

import java.util.List;
import java.util.Optional;
import org.slf4j.LoggerFactory;

/**
 * What the code under test logs while a capture is open, when the test runs with Logback as its SLF4J binding (add
 * {@code ch.qos.logback:logback-classic} with scope {@code test}); with another binding {@link #start()} gives
 * nothing and the caller says so. Every logger's events are captured at the levels the test's logging config
 * enables (Logback's default: DEBUG), formatted with their arguments and the messages of attached exceptions.
 *
 * <pre>{@code
 * try (LogCapture logs = LogCapture.start().orElseThrow()) {
 *     connector.invoke(request);
 *     assertFalse(logs.text().contains(secret));
 * }
 * }</pre>
 *
 * @since 2.1.0
 */
public interface LogCapture extends AutoCloseable {

    /**
     * Starts capturing.
     *
     * @return the capture, or empty when SLF4J is not bound to Logback
     */
    static Optional<LogCapture> start() {
        if (!LoggerFactory.getILoggerFactory().getClass().getName().equals("ch.qos.logback.classic.LoggerContext")) {
            return Optional.empty();
        }
        return Optional.of(LogbackCapture.open());
    }

    /** The captured lines so far, as {@code LEVEL logger - message} (exception messages on following lines). */
    List<String> lines();

    /** {@link #lines()} joined with newlines. */
    default String text() {
        return String.join("\n", lines());
    }

    /** Stops capturing. */
    @Override
    void close();
}
