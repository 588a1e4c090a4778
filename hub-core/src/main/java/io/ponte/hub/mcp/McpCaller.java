package io.ponte.hub.mcp;

import io.ponte.hub.security.Principal;

/**
 * Who sent one MCP request, carried in the SDK's transport context (under {@link #KEY}): every request is authorized
 * by its own key, never by the session it names.
 *
 * @param who       the authenticated API key
 * @param sessionId the request's {@code Mcp-Session-Id}, or null
 * @param requestId the JSON-RPC id of the request (its text), or null: with the session, what makes a resent request
 *                  recognizable as the same call
 */
public record McpCaller(Principal who, String sessionId, String requestId) {

    /** The transport context entry. */
    public static final String KEY = "ponte.caller";
}
