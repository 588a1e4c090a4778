package io.ponte.api.message;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The one JSON mapping of the model, the same in the hub and every plugin: ISO-8601 instants, null fields left out,
 * exact decimals, unknown properties ignored on read (so newer hubs can add fields without breaking older plugins).
 *
 * <p>Each caller builds its own mapper with {@link #newMapper()} and keeps it (the hub one, each plugin one, through
 * {@code io.ponte.kit.Json}): an {@code ObjectMapper} is mutable, so a shared one would let one plugin's
 * {@code configure} call change how the hub and every other plugin read and write JSON.
 *
 * @since 2.0.0 ({@code mapper()}, the one shared mapper of 1.x, is gone)
 */
public final class MessageJson {

    private MessageJson() {
    }

    /**
     * A new mapper with the model's settings. Building one is costly (about a millisecond, and its caches warm up
     * per instance): build it once and keep it.
     *
     * @return a new mapper; thread-safe once configured, as every Jackson mapper
     */
    public static JsonMapper newMapper() {
        // Jackson's default buffer pool is per thread: on virtual threads (one per request, per delivery) every
        // parser and generator allocated fresh buffers, about a tenth of the hub's allocation. A shared pool reuses
        // them across threads.
        com.fasterxml.jackson.core.JsonFactory factory = com.fasterxml.jackson.core.JsonFactory.builder()
            .recyclerPool(com.fasterxml.jackson.core.util.JsonRecyclerPools.sharedConcurrentDequePool())
            .build();
        return JsonMapper.builder(factory)
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            // money: keep decimals exact (10.50 stays 10.50, never a double) in trees and records
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();
    }
}
