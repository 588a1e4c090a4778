package io.ponte.api.error;

import java.io.IOException;

/**
 * Thrown by the HTTP client the host hands a connector ({@code ConnectorContext.httpClient()}) when its outbound
 * policy denies a request's address: a link-local or cloud metadata address, or, for a tenant's connection, any
 * address that is not public. Nothing was sent. Permanent: the same request will be denied again until an admin
 * changes the connection's URL or the operator the policy, so an action should fail rather than retry.
 *
 * <p>The message names the host and why ({@code request to 10.0.0.8 denied by the outbound policy: ...}), never the
 * URL's path or query.
 *
 * @since 1.2.0
 */
public class OutboundDeniedException extends IOException {
    private static final long serialVersionUID = 1L;

    /**
     * @param host the host the request named
     * @param why  why the policy denies it
     */
    public OutboundDeniedException(String host, String why) {
        super("request to " + host + " denied by the outbound policy: " + why);
    }
}
