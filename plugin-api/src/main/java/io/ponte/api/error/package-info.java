/**
 * Failures with meaning. The hub acts on the distinction: a {@link io.ponte.api.error.RetriableException} is
 * retried with backoff, a {@link io.ponte.api.error.PermanentException} is not. A
 * {@link io.ponte.api.error.WebhookRejectedException} turns into the HTTP status it names.
 */
package io.ponte.api.error;
