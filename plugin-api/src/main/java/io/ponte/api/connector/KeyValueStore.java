package io.ponte.api.connector;

import java.util.Optional;

/**
 * A small durable key-value store private to one connection: tokens, cursors, provider-side ids. Values are
 * strings (store JSON for structure); keep them small (up to 64 KiB). Every call is a database round trip.
 */
public interface KeyValueStore {

    /** The value, if set. */
    Optional<String> get(String key);

    /** Sets the value. */
    void put(String key, String value);

    /** Removes the value, if set. */
    void delete(String key);
}
