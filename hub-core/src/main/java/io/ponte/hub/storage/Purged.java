package io.ponte.hub.storage;

/**
 * One step of a retention walk: how many rows it deleted, and the key to go on after (null: nothing left). A walk
 * that goes on from each step's {@code scannedTo} looks at each row once, however many rows it keeps; one that
 * started over at the first row for every step would walk the kept rows again each time.
 *
 * @param deleted   rows deleted by this step
 * @param scannedTo the last key this step looked at, or null when it found none
 */
public record Purged(int deleted, String scannedTo) {
}
