package io.ponte.hub.plugins;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.MDC;

/**
 * The one way the hub calls into plugin code: on a fresh virtual thread with the plugin's class loader as context
 * class loader and the MDC set, bounded by a timeout. A plugin that throws, hangs or misbehaves costs its own call;
 * the caller gets a {@link PluginCallException} (or the plugin's own exception) and carries on.
 */
public final class PluginGuard {

    private PluginGuard() {
    }

    /** Thrown when a plugin call timed out or died with something that is not an {@link Exception}. */
    public static final class PluginCallException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final boolean timeout;

        PluginCallException(String message, Throwable cause, boolean timeout) {
            super(message, cause);
            this.timeout = timeout;
        }

        public boolean timeout() {
            return timeout;
        }
    }

    /**
     * Runs {@code call}.
     *
     * @param loader  the plugin's class loader
     * @param mdc     the MDC entries for the call (tenant, connection, event, delivery)
     * @param timeout the most the call may take; on expiry the thread is interrupted
     * @return the call's result
     * @throws RuntimeException the plugin's own runtime exception, or a {@link PluginCallException}
     */
    public static <T> T call(ClassLoader loader, Map<String, String> mdc, Duration timeout, Callable<T> call) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread thread = Thread.ofVirtual().name("plugin-call").unstarted(() -> {
            Thread.currentThread().setContextClassLoader(loader);
            mdc.forEach((k, v) -> {
                if (v != null) {
                    MDC.put(k, v);
                }
            });
            try {
                result.complete(call.call());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            } finally {
                MDC.clear();
            }
        });
        thread.start();
        try {
            return result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            thread.interrupt();
            throw new PluginCallException("plugin call timed out after " + timeout.toMillis() + " ms", e, true);
        } catch (InterruptedException e) {
            thread.interrupt();
            Thread.currentThread().interrupt();
            throw new PluginCallException("interrupted while waiting for a plugin call", e, false);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new PluginCallException("plugin call failed: " + cause, cause, false);
        }
    }
}
