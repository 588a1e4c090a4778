package io.ponte.api.message;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * A qualified (or qualifying) lead.
 *
 * @param leadId      the provider's or the hub's id, or null
 * @param contact     who the lead is, or null
 * @param score       the qualification score, or null
 * @param temperature {@code hot}, {@code warm}, {@code cold} or {@code very_cold}, or null
 * @param fields      the collected fields (name, interest, budget ...); never null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Lead(String leadId, Party contact, Integer score, String temperature, Map<String, String> fields)
        implements Payload {
    /** Copies the fields; null means none. */
    public Lead {
        fields = fields == null ? Map.of() : Map.copyOf(fields);
    }
}
