package io.ponte.hub.observability;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.slf4j.Marker;
import org.slf4j.helpers.MessageFormatter;

/**
 * While an uploaded plugin file is checked (MDC {@value #MDC_KEY} set), PF4J's warnings and errors about it go to
 * DEBUG: they describe the uploader's mistake, which the 400 answer already carries, not a fault of the hub. Checks of
 * the plugins dir at start-up are not affected.
 */
public final class QuietPluginChecks extends TurboFilter {

    /** The MDC key that marks a thread checking an uploaded plugin file (its value: the file). */
    public static final String MDC_KEY = "pluginCheck";
    private static final org.slf4j.Logger DEBUG = LoggerFactory.getLogger("io.ponte.hub.plugins.PluginCheck");

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params,
                              Throwable t) {
        if (level == null || !level.isGreaterOrEqual(Level.WARN) || !logger.getName().startsWith("org.pf4j")
                || MDC.get(MDC_KEY) == null) {
            return FilterReply.NEUTRAL;
        }
        if (DEBUG.isDebugEnabled()) {
            DEBUG.debug("{}: {}", logger.getName(), MessageFormatter.arrayFormat(format, params).getMessage(), t);
        }
        return FilterReply.DENY;
    }
}
