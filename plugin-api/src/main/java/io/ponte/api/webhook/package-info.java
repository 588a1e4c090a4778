/**
 * Inbound HTTP. The hub serves {@code GET|POST /hooks/{connectionId}} and hands the raw request to the
 * connection's {@link io.ponte.api.webhook.WebhookReceiver}: GET to {@code handshake} (subscription challenges),
 * POST to {@code receive} (verify, parse, return envelopes). The hub commits the returned envelopes durably
 * before it sends the receiver's response, so a 2xx always means "stored".
 */
package io.ponte.api.webhook;
