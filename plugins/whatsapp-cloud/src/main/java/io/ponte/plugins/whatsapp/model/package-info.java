/**
 * The WhatsApp Cloud API wire formats and their mapping to Ponte's model: {@link
 * io.ponte.plugins.whatsapp.model.InboundContent} (webhook {@code messages[]} to {@code Content}), {@link
 * io.ponte.plugins.whatsapp.model.StatusReport} (webhook {@code statuses[]} to {@code StatusUpdate}), {@link
 * io.ponte.plugins.whatsapp.model.OutboundMessage} ({@code message.send} input to a {@code /messages} request body)
 * and {@link io.ponte.plugins.whatsapp.model.MediaInfo} (the {@code GET /{media-id}} answer). Pure functions over
 * Jackson trees; no I/O.
 */
package io.ponte.plugins.whatsapp.model;
