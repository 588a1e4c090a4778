package io.ponte.hub.connections;

import io.ponte.api.message.EnvelopeDraft;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The pipeline's entrance as connections see it, connected once the pipeline exists. The two depend on each other:
 * ingress needs the {@link LiveConnections} to receive webhooks, and the connections' instances need ingress to emit
 * into. So the hub builds this relay first, hands it to the connections' constructor, builds ingress on the live
 * connections, and then {@link #connect}s ingress here, before any connection opens. This one late binding stands
 * for the whole cycle; nothing else is wired after construction.
 *
 * <p>Thread-safe. Before {@link #connect}, every emit fails (its future completes exceptionally).
 */
public final class SinkRelay implements EnvelopeSink {

    private volatile EnvelopeSink target;

    /**
     * Connects the pipeline; once only.
     *
     * @throws IllegalStateException when already connected
     */
    public void connect(EnvelopeSink sink) {
        if (target != null) {
            throw new IllegalStateException("the pipeline is already connected");
        }
        target = sink;
    }

    @Override
    public CompletionStage<List<String>> accept(ConnectionRef source, List<EnvelopeDraft> drafts) {
        EnvelopeSink sink = target;
        if (sink == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("the pipeline is not connected yet"));
        }
        return sink.accept(source, drafts);
    }
}
