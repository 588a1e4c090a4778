/**
 * The normalized model: {@link io.ponte.api.message.Envelope} and its sealed {@link io.ponte.api.message.Payload}
 * family. Plugins map provider payloads to these records and back; pattern-matching {@code switch} over the
 * sealed types keeps that mapping exhaustive, so a new content kind is a compile error, not a silent drop.
 *
 * <p>The JSON form (see {@link io.ponte.api.message.MessageJson}) is public API: routes, templates, the admin API
 * and outside tools read it. Polymorphic records carry a {@code kind} discriminator.
 */
package io.ponte.api.message;
