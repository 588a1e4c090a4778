package io.ponte.kit;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Reads a provider's answer into memory up to a cap, for {@code java.net.http}. An answer that declares a larger
 * {@code Content-Length} is refused before a byte of its body is read; one that passes the cap while streaming
 * (chunked, or lying about its length) stops being read at once: the subscription is cancelled, which closes the
 * exchange, and the body fails with {@link AnswerTooLargeException}. At most {@code maxBytes} are kept.
 *
 * <p>The body is pulled one buffer at a time, so the client reads from the network only as fast as the cap allows.
 */
public final class CappedBody {

    private CappedBody() {
    }

    /**
     * A body handler that keeps the answer's bytes, failing past {@code maxBytes}.
     *
     * @param maxBytes the largest answer accepted, in bytes (at least 1)
     * @return the handler; reusable and thread-safe
     */
    public static HttpResponse.BodyHandler<byte[]> bytes(long maxBytes) {
        if (maxBytes < 1) {
            throw new IllegalArgumentException("maxBytes must be at least 1, not " + maxBytes);
        }
        return info -> declaredLength(info).orElse(-1) > maxBytes ? new Refused(maxBytes) : new Capped(maxBytes);
    }

    private static OptionalLong declaredLength(HttpResponse.ResponseInfo info) {
        try {
            return info.headers().firstValueAsLong("Content-Length");
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /** Keeps up to the cap; fails and cancels on the first buffer that would pass it. */
    private static final class Capped implements HttpResponse.BodySubscriber<byte[]> {
        private final long maxBytes;
        private final CompletableFuture<byte[]> body = new CompletableFuture<>();
        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
        private Flow.Subscription subscription;

        Capped(long maxBytes) {
            this.maxBytes = maxBytes;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = Objects.requireNonNull(subscription, "subscription");
            subscription.request(1);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            if (body.isDone()) {
                return;
            }
            for (ByteBuffer buffer : buffers) {
                if (kept.size() + (long) buffer.remaining() > maxBytes) {
                    subscription.cancel();
                    body.completeExceptionally(new AnswerTooLargeException(maxBytes));
                    return;
                }
                byte[] chunk = new byte[buffer.remaining()];
                buffer.get(chunk);
                kept.writeBytes(chunk);
            }
            subscription.request(1);
        }

        @Override
        public void onError(Throwable failure) {
            body.completeExceptionally(failure);
        }

        @Override
        public void onComplete() {
            body.complete(kept.toByteArray());
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return body;
        }
    }

    /** The declared length is already over the cap: read nothing. */
    private static final class Refused implements HttpResponse.BodySubscriber<byte[]> {
        private final CompletableFuture<byte[]> body;

        Refused(long maxBytes) {
            this.body = CompletableFuture.failedFuture(new AnswerTooLargeException(maxBytes));
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            subscription.cancel();
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            // cancelled on subscribe: nothing is kept
        }

        @Override
        public void onError(Throwable failure) {
            // the body has already failed with the cap
        }

        @Override
        public void onComplete() {
            // the body has already failed with the cap
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return body;
        }
    }
}
