package io.ponte.plugins.telegram.model;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * One Bot API method call: {@code POST {apiBaseUrl}/bot<token>/<method>} with {@code parameters} as its JSON body.
 *
 * @param method     the method name, e.g. {@code sendMessage}; never null
 * @param parameters the JSON parameters; never null
 */
public record BotApiCall(String method, ObjectNode parameters) {
    /** Requires both parts. */
    public BotApiCall {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(parameters, "parameters");
    }
}
