package io.ponte.kit;

import io.ponte.api.action.ActionResult;
import io.ponte.api.error.OutboundDeniedException;
import java.io.IOException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;

/**
 * One provider call of an action: the answer goes to the plugin's own reading of it; a call that got no usable
 * answer is {@link ActionResult.Retry} with a reason in words: timed out, the answer over the size cap, the
 * provider unreachable, or the thread interrupted (its flag is set again); one the hub's outbound policy denied is
 * {@link ActionResult.Failed} (it would be denied again). Reasons name the provider as the caller
 * describes it and never quote a URL, which may carry a token.
 */
public final class ProviderCall {

    private static final int MAX_MESSAGE = 300;

    private ProviderCall() {
    }

    /**
     * A call to the provider.
     *
     * @param <T> the answer
     */
    @FunctionalInterface
    public interface Exchange<T> {
        /**
         * Makes the call.
         *
         * @return the answer, whatever its status
         * @throws IOException          when no answer came, or it could not be read
         * @throws InterruptedException when the calling thread was interrupted
         */
        T send() throws IOException, InterruptedException;
    }

    /**
     * Makes the call and turns the outcome into an action result.
     *
     * @param provider what is called, as reasons name it ({@code "the Graph API"}, a host); never a URL
     * @param exchange the call
     * @param onAnswer what the answer means
     * @param <T>      the answer
     * @return {@code onAnswer}'s result, or a retry when the call got no usable answer
     */
    public static <T> ActionResult outcome(String provider, Exchange<T> exchange,
                                           Function<? super T, ActionResult> onAnswer) {
        return outcome(provider, null, exchange, onAnswer);
    }

    /**
     * As {@link #outcome(String, Exchange, Function)}, naming the call's timeout when it passes (so the reason
     * tells an admin what to raise).
     *
     * @param provider what is called, as reasons name it; never a URL
     * @param timeout  the call's timeout, or null when the caller does not know it
     * @param exchange the call
     * @param onAnswer what the answer means
     * @param <T>      the answer
     * @return {@code onAnswer}'s result, or a retry when the call got no usable answer
     */
    public static <T> ActionResult outcome(String provider, Duration timeout, Exchange<T> exchange,
                                           Function<? super T, ActionResult> onAnswer) {
        Objects.requireNonNull(provider, "provider");
        T answer;
        try {
            answer = exchange.send();
        } catch (HttpTimeoutException e) {
            return ActionResult.retry("timed out " + (timeout == null ? "" : "after " + words(timeout) + " ")
                    + "waiting for " + provider);
        } catch (AnswerTooLargeException e) {
            return ActionResult.retry("could not read the answer of " + provider + ": " + e.getMessage());
        } catch (OutboundDeniedException e) {
            // the same request is denied again until an admin changes the URL or the policy: no retry budget spent
            return ActionResult.failed("may not call " + provider + ": " + e.getMessage());
        } catch (IOException e) {
            return ActionResult.retry("could not reach " + provider + ": " + describe(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ActionResult.retry("interrupted while calling " + provider);
        }
        return onAnswer.apply(answer);
    }

    /**
     * An I/O failure in words safe for a reason: the exception's type, with its message only when that cannot
     * quote a URL (no {@code /}) and is short. An answer over the cap is described by its own message.
     *
     * @param failure the failure
     * @return e.g. {@code ConnectException}, or {@code IOException (request to x denied by the outbound policy: ...)}
     */
    public static String describe(IOException failure) {
        if (failure instanceof AnswerTooLargeException) {
            return failure.getMessage();
        }
        String type = failure.getClass().getSimpleName();
        String message = failure.getMessage();
        if (message == null || message.isBlank() || message.contains("/") || message.length() > MAX_MESSAGE) {
            return type;
        }
        return type + " (" + message + ")";
    }

    private static String words(Duration timeout) {
        return timeout.toMillis() % 1000 == 0 ? timeout.toSeconds() + "s" : timeout.toMillis() + "ms";
    }
}
