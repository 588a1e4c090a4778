/**
 * The refusals a plugin and the hub exchange as exceptions: a {@link io.ponte.api.error.WebhookRejectedException}
 * turns into the HTTP status it names; an {@link io.ponte.api.error.OutboundDeniedException} is the hub refusing a
 * connector's outbound request. An action's outcome is never an exception: it is the
 * {@link io.ponte.api.action.ActionResult} that {@code Connector.invoke} returns.
 */
package io.ponte.api.error;
