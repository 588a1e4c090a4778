package io.ponte.api.message;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * A person in a CRM or address book.
 *
 * @param contactId  the provider's id, or null for a contact not yet stored there
 * @param name       the full name, or null
 * @param email      the e-mail address, or null
 * @param phone      the phone number (E.164 preferred), or null
 * @param properties further provider properties; never null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Contact(String contactId, String name, String email, String phone, Map<String, String> properties)
        implements Payload {
    /** Copies the properties; null means none. */
    public Contact {
        properties = properties == null ? Map.of() : Map.copyOf(properties);
    }
}
