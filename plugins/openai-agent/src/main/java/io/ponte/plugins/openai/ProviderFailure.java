package io.ponte.plugins.openai;

import io.ponte.kit.ProviderCall;
import io.ponte.kit.RetryAfter;
import java.io.IOException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * Why a provider gave no answer, in one classification for every provider: the SDKs raise their own typed errors
 * (so the kit's {@code Provider.ErrorClassifier}, which reads raw answers, never sees them), and each
 * {@link ChatProvider} turns its SDK's error into this — status, the provider's error code or type, and the wait
 * the server asked for. The reason never quotes a URL or a key.
 */
final class ProviderFailure extends RuntimeException {

    /** What the failure means for the chain. */
    enum Kind {
        /** 401/403: the key or the access is refused; nothing works until an admin fixes it. */
        REFUSED(false),
        /** The account is out of quota or credit: this provider's other models will not help, another may. */
        QUOTA(false),
        /** 429 rate limit. */
        RATE_LIMITED(true),
        /** Anthropic's 529 {@code overloaded_error}, 503. */
        OVERLOADED(true),
        /** Other 5xx, 408, 409. */
        SERVER_ERROR(true),
        /** No answer: timed out, unreachable, over the size cap, denied by the outbound policy. */
        NO_ANSWER(true),
        /** Another 4xx: this model refused this request; the next model may not. */
        REJECTED(false),
        /** An answer the SDK could not read. */
        UNREADABLE(false);

        private final boolean transientFailure;

        Kind(boolean transientFailure) {
            this.transientFailure = transientFailure;
        }

        /** Whether the same call may work later. */
        boolean transientFailure() {
            return transientFailure;
        }

        /** The metric tag value: {@code rate_limited}, {@code overloaded}, .... */
        String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Kind kind;
    private final int status;
    private final Duration wait;

    private ProviderFailure(Kind kind, int status, Duration wait, String reason, Throwable cause) {
        super(reason, cause, false, false);
        this.kind = kind;
        this.status = status;
        this.wait = wait;
    }

    Kind kind() {
        return kind;
    }

    /** The HTTP status, or 0 when there was no answer. */
    int status() {
        return status;
    }

    /** What the server asked to wait ({@code retry-after-ms}, else {@code retry-after}), uncapped; or null. */
    Duration serverWait() {
        return wait;
    }

    /** The reason, without URL or key: {@code HTTP 429 rate_limit_error}, {@code timed out}. */
    String reason() {
        return getMessage();
    }

    /**
     * Classifies an error answer.
     *
     * @param status the HTTP status
     * @param code   the provider's error code or type ({@code insufficient_quota}, {@code overloaded_error}), or ""
     * @param header reads an answer header by name, any case
     * @param now    the time, for an HTTP-date {@code retry-after}
     */
    static ProviderFailure answered(int status, String code, Function<String, Optional<String>> header, Instant now) {
        String reason = "HTTP " + status + (code == null || code.isEmpty() ? "" : " " + code);
        Kind kind;
        if (status == 401 || status == 403) {
            kind = Kind.REFUSED;
        } else if ("insufficient_quota".equals(code) || "billing_error".equals(code) || status == 402) {
            kind = Kind.QUOTA;
        } else if (status == 429) {
            kind = Kind.RATE_LIMITED;
        } else if (status == 529 || status == 503 || "overloaded_error".equals(code)) {
            kind = Kind.OVERLOADED;
        } else if (status >= 500 || status == 408 || status == 409) {
            kind = Kind.SERVER_ERROR;
        } else {
            kind = Kind.REJECTED;
        }
        return new ProviderFailure(kind, status, waitAsked(header, now), reason, null);
    }

    /**
     * Reads a header of an SDK's error by name, any case: both SDKs' {@code Headers} offer {@code names()} and
     * {@code values(name)}, as different types.
     */
    static Function<String, Optional<String>> headers(java.util.Set<String> names,
                                                      Function<String, java.util.List<String>> values) {
        return wanted -> names.stream().filter(n -> n.equalsIgnoreCase(wanted)).map(values)
                .filter(v -> !v.isEmpty()).map(v -> v.get(0)).findFirst();
    }

    /** No answer: why, in words that quote no URL. */
    static ProviderFailure noAnswer(Throwable e) {
        return new ProviderFailure(Kind.NO_ANSWER, 0, null, transportFailure(e), e);
    }

    /** An answer the SDK could not read. */
    static ProviderFailure unreadable(Throwable e) {
        return new ProviderFailure(Kind.UNREADABLE, 0, null, "unreadable answer (" + e.getClass().getSimpleName()
                + ")", e);
    }

    /**
     * Why a call got no answer, in words that quote no URL: "timed out", the answer over the size cap, the outbound
     * policy's refusal, or the failure's type.
     */
    static String transportFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof HttpTimeoutException) {
                return "timed out";
            }
            if (t instanceof IOException io) {
                return ProviderCall.describe(io);
            }
        }
        return e.getClass().getSimpleName();
    }

    /** {@code retry-after-ms} (OpenAI), else {@code retry-after} (seconds or an HTTP date); null when absent. */
    private static Duration waitAsked(Function<String, Optional<String>> header, Instant now) {
        Optional<String> ms = header.apply("retry-after-ms");
        if (ms.isPresent()) {
            try {
                return Duration.ofMillis(Math.max(0, (long) Double.parseDouble(ms.get().strip())));
            } catch (NumberFormatException ignored) {
                // fall through to retry-after
            }
        }
        return header.apply("retry-after").map(v -> RetryAfter.parse(v, now)).orElse(null);
    }
}
