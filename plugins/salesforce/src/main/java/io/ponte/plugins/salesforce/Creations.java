package io.ponte.plugins.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import io.ponte.api.connector.KeyValueStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * Creates a record at most once per delivery, although Salesforce's REST API takes no idempotency key: before the
 * first create it keeps {@code create:<idempotency key> → since:<time>} in the connection's state, after it the
 * record's id. A retry that finds the id answers with it; one that finds only the time (the create's answer was
 * lost: a timeout, a 503 after the commit) first looks the record up by what it was created with, created since
 * that time (less a minute for clock skew), and adopts it. Thread-safe per key: the hub runs one attempt of a
 * delivery at a time.
 */
final class Creations {

    private static final String SINCE = "since:";
    private static final Duration SKEW = Duration.ofMinutes(1);

    private final KeyValueStore state;
    private final Clock clock;
    private final SalesforceApi api;

    Creations(KeyValueStore state, Clock clock, SalesforceApi api) {
        this.state = state;
        this.clock = clock;
        this.api = api;
    }

    /**
     * The id of the record this delivery created, creating it when no earlier attempt did.
     *
     * @param idempotencyKey the delivery's key
     * @param lookup         a SOQL query {@code SELECT Id FROM <object> WHERE <what the record is created with>}
     *                       that a {@code CreatedDate} condition is appended to
     * @param create         creates the record, answering its id
     * @return the record's id
     */
    String once(String idempotencyKey, String lookup, Supplier<String> create) {
        String key = "create:" + idempotencyKey;
        String kept = state.get(key).orElse(null);
        if (kept != null && !kept.startsWith(SINCE)) {
            return kept;
        }
        if (kept != null) {
            Instant since = Instant.parse(kept.substring(SINCE.length())).minus(SKEW);
            JsonNode found = api.query(lookup + " AND CreatedDate >= " + Soql.dateTime(since)
                    + " ORDER BY CreatedDate LIMIT 1");
            if (found.size() > 0) {
                String id = found.get(0).path("Id").asText();
                state.put(key, id);
                return id;
            }
        } else {
            state.put(key, SINCE + clock.instant());
        }
        String id = create.get();
        state.put(key, id);
        return id;
    }
}
