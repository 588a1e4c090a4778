package io.ponte.hub.stream;

import io.ponte.hub.errors.ValidationException;

/**
 * A position in the change feed: a change's time (epoch ms), its kind's rank and its row id. Changes are ordered by
 * (time, rank, id); the written form {@code <time>.<rank>.<id>} is the SSE {@code id} a client sends back as
 * {@code Last-Event-ID}.
 *
 * @param afterId the id of the last row of kind {@code rank} at {@code at} already seen; {@code ""} when none
 */
public record StreamCursor(long at, int rank, String afterId) implements Comparable<StreamCursor> {

    private static final int MAX_ID = 40;

    /** Before every change after {@code millis}: nothing at or before it is replayed. */
    public static StreamCursor after(long millis) {
        return new StreamCursor(millis + 1, -1, "");
    }

    /** Reads a cursor the stream wrote; a malformed one is a validation problem naming {@code field}. */
    public static StreamCursor parse(String text, String field) {
        String[] parts = text.split("\\.", 3);
        try {
            if (parts.length == 3 && !parts[2].isEmpty() && parts[2].length() <= MAX_ID
                    && parts[2].chars().allMatch(c -> c == '_' || Character.isLetterOrDigit(c) && c < 128)) {
                long at = Long.parseLong(parts[0]);
                int rank = Integer.parseInt(parts[1]);
                if (at >= 0 && rank >= 0 && rank < ChangeFeed.Kind.values().length) {
                    return new StreamCursor(at, rank, parts[2]);
                }
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new ValidationException(field, "is not a stream position: send back the 'id' of the last message "
                + "received from GET /api/v1/stream");
    }

    /** Where a kind's rows start after this cursor: ({@code at}, the id after which rows of that kind count). */
    StreamCursor forRank(int kindRank) {
        if (kindRank == rank) {
            return this;
        }
        return kindRank > rank ? new StreamCursor(at, kindRank, "") : new StreamCursor(at + 1, kindRank, "");
    }

    @Override
    public int compareTo(StreamCursor o) {
        int c = Long.compare(at, o.at);
        if (c == 0) {
            c = Integer.compare(rank, o.rank);
        }
        return c != 0 ? c : afterId.compareTo(o.afterId);
    }

    @Override
    public String toString() {
        return at + "." + rank + "." + afterId;
    }
}
