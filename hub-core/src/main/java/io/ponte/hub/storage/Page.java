package io.ponte.hub.storage;

import java.util.List;

/**
 * One page of a list, newest first.
 *
 * @param items      the items
 * @param nextCursor pass as {@code cursor} to get the next page; null on the last page
 */
public record Page<T>(List<T> items, String nextCursor) {
}
