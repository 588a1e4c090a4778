package io.ponte.hub.plugins;

import java.lang.ref.WeakReference;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The class loaders of plugins this hub unloaded (upgraded, removed), held weakly: once nothing else refers to an
 * unloaded plugin's classes the garbage collector frees its loader and it drops out of {@link #inMemory()}. A count
 * that keeps rising across upgrades means something (a cache, a thread, a static) pins old plugins: a memory leak.
 * Thread-safe.
 */
public final class UnloadedLoaders {

    private final Queue<WeakReference<ClassLoader>> loaders = new ConcurrentLinkedQueue<>();
    private final AtomicLong unloaded = new AtomicLong();

    void add(ClassLoader loader) {
        loaders.add(new WeakReference<>(loader));
        unloaded.incrementAndGet();
    }

    /** How many plugins were unloaded since the hub started. */
    public long unloaded() {
        return unloaded.get();
    }

    /** How many unloaded plugins' class loaders the garbage collector has not freed yet. */
    public long inMemory() {
        loaders.removeIf(ref -> ref.refersTo(null));
        return loaders.size();
    }
}
