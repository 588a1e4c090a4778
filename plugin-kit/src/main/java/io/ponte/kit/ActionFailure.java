package io.ponte.kit;

import io.ponte.api.action.ActionResult;
import java.time.Duration;
import java.util.Objects;

/**
 * An action's outcome thrown from deep inside a plugin (an input that does not parse, an emit the hub did not
 * confirm) up to its {@link ActionTable}, which returns it. It never leaves the plugin: {@code Connector.invoke}
 * returns outcomes only.
 */
public final class ActionFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient ActionResult result;

    private ActionFailure(ActionResult result, String reason) {
        super(reason, null, false, false);
        this.result = result;
    }

    /** Will never work as asked: the input is wrong, the target refused for good. */
    public static ActionFailure failed(String reason) {
        return new ActionFailure(ActionResult.failed(reason), reason);
    }

    /** Not now: try again on the connection's schedule. */
    public static ActionFailure retry(String reason) {
        return new ActionFailure(ActionResult.retry(reason), reason);
    }

    /** Not now: try again no sooner than {@code after}. */
    public static ActionFailure retryAfter(Duration after, String reason) {
        return new ActionFailure(ActionResult.retryAfter(after, reason), reason);
    }

    /** The outcome to return; a {@link ActionResult.Retry} or {@link ActionResult.Failed}. */
    public ActionResult result() {
        return Objects.requireNonNull(result);
    }
}
