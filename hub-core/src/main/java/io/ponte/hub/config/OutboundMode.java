package io.ponte.hub.config;

/** Which addresses connectors may not call ({@code PONTE_OUTBOUND_POLICY}); the policy itself is in security. */
public enum OutboundMode {
    /** Link-local and cloud metadata addresses. */ DEFAULT,
    /** Also loopback and private networks. */ STRICT,
    /** Nothing (a trusted single-tenant install that must reach its metadata service). */ OFF
}
