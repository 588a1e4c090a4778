package io.ponte.kit;

import io.ponte.api.action.ActionRequest;
import io.ponte.api.action.ActionResult;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A connector's actions by name: what its {@code Connector.invoke} does. An unknown action is
 * {@link ActionResult.Failed}; an {@link ActionFailure} thrown by a handler is its outcome. Other exceptions pass
 * (the hub logs them as the bug they are). Immutable; thread-safe when the handlers are.
 */
public final class ActionTable {

    /** One action. */
    @FunctionalInterface
    public interface Handler {
        /**
         * Runs the action.
         *
         * @param request the invocation
         * @return the outcome; never null
         */
        ActionResult invoke(ActionRequest request);
    }

    private final Map<String, Handler> handlers;

    private ActionTable(Map<String, Handler> handlers) {
        this.handlers = Map.copyOf(handlers);
    }

    /** Starts a table. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Runs the named action.
     *
     * @param request the invocation
     * @return the handler's outcome; never null
     */
    public ActionResult invoke(ActionRequest request) {
        Handler handler = handlers.get(request.action());
        if (handler == null) {
            return ActionResult.failed("this connector offers no action " + request.action() + "; it offers "
                    + handlers.keySet().stream().sorted().toList());
        }
        try {
            return Objects.requireNonNull(handler.invoke(request), "an action handler returned null");
        } catch (ActionFailure failure) {
            return failure.result();
        }
    }

    /** Collects handlers; not thread-safe. */
    public static final class Builder {
        private final Map<String, Handler> handlers = new LinkedHashMap<>();

        private Builder() {
        }

        /** Adds the handler of an action; names are unique. */
        public Builder on(String action, Handler handler) {
            if (handlers.putIfAbsent(Objects.requireNonNull(action), Objects.requireNonNull(handler)) != null) {
                throw new IllegalArgumentException("two handlers for action " + action);
            }
            return this;
        }

        /** The table. */
        public ActionTable build() {
            return new ActionTable(handlers);
        }
    }
}
