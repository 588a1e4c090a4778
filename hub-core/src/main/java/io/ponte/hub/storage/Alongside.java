package io.ponte.hub.storage;

import java.util.function.Function;
import org.jdbi.v3.core.Handle;

/**
 * A piece of storage work that runs inside a transaction someone else commits: the dispatcher's cycle
 * ({@link Outbox#cycle}) run by the inbox's group commit, so that on H2 one writer commits for both (two writers only
 * queue for H2's one store lock, and each commit writes out the pages it touched: one commit writes the pages both
 * touched once). The transaction never leaves this package: the committer only hands the work to
 * {@link EventStore#append(java.util.List, java.util.List)}.
 *
 * @param <T> what the work returns
 */
public final class Alongside<T> {

    private final Function<Handle, T> body;
    private T result;

    Alongside(Function<Handle, T> body) {
        this.body = body;
    }

    void run(Handle h) {
        result = body.apply(h);
    }

    /** What the work returned; valid once the transaction that ran it committed. */
    public T result() {
        return result;
    }

    /** Commits pieces of storage work: in a transaction of their own, or in someone else's group commit. */
    @FunctionalInterface
    public interface Committer {
        /** Runs {@code work} in a transaction and returns once that committed; throws if it did not. */
        void commit(Alongside<?> work);
    }
}
