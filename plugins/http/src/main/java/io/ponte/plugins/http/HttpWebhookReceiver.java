package io.ponte.plugins.http;

import io.ponte.api.connector.ConnectorMetrics;
import io.ponte.api.error.WebhookRejectedException;
import io.ponte.api.message.ChatMessage;
import io.ponte.api.message.Content;
import io.ponte.api.message.EnvelopeDraft;
import io.ponte.api.message.EnvelopeTypes;
import io.ponte.api.message.Party;
import io.ponte.api.webhook.WebhookReceiver;
import io.ponte.api.webhook.WebhookRequest;
import io.ponte.api.webhook.WebhookResponse;
import io.ponte.api.webhook.WebhookResult;
import io.ponte.plugins.http.model.InboundAttachment;
import io.ponte.plugins.http.model.InboundMessage;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The inbound door of an {@code http} connection: checks the signature over the raw body (when a secret is
 * configured), then reads the messages and turns each into envelopes. Stateless and thread-safe.
 *
 * <p>Signatures: with a secret configured, every request must carry valid Standard Webhooks headers. The retired
 * {@code X-Ponte-Signature} (an HMAC of the body alone, without a timestamp, so a captured request stayed valid
 * forever) is refused with a 401 that says what to send instead.
 */
final class HttpWebhookReceiver implements WebhookReceiver {

    /** The retired header of Ponte's own body-only HMAC; only recognised to explain the refusal. */
    private static final String RETIRED_PONTE_SIGNATURE = "X-Ponte-Signature";
    private static final String STANDARD_HEADERS = StandardWebhooks.ID_HEADER + ", "
            + StandardWebhooks.TIMESTAMP_HEADER + " and " + StandardWebhooks.SIGNATURE_HEADER;

    private final StandardWebhooks standardWebhooks;
    private final Clock clock;
    private final ConnectorMetrics metrics;

    HttpWebhookReceiver(HttpConfig config, Clock clock, ConnectorMetrics metrics) {
        this.standardWebhooks = config.signingKey() == null ? null : new StandardWebhooks(config.signingKey());
        this.clock = clock;
        this.metrics = metrics;
    }

    @Override
    public WebhookResult receive(WebhookRequest request) {
        List<EnvelopeDraft> drafts = new ArrayList<>();
        try {
            authenticate(request);
            for (InboundMessage message : InboundReader.read(request.body())) {
                drafts.addAll(toDrafts(message));
            }
        } catch (WebhookRejectedException e) {
            metrics.increment("webhook.rejected", "status", Integer.toString(e.status()));
            throw e;
        }
        metrics.increment("webhook.accepted");
        return WebhookResult.answering(drafts, HttpWebhookReceiver::answer);
    }

    /** {@code {"received":N,"duplicates":M}}: the envelopes stored now, and those a replay had already stored. */
    static WebhookResponse answer(int stored, int duplicates) {
        return WebhookResponse.json(200, "{\"received\":" + stored + ",\"duplicates\":" + duplicates + "}");
    }

    private void authenticate(WebhookRequest request) {
        if (standardWebhooks == null) {
            return;
        }
        if (request.header(StandardWebhooks.SIGNATURE_HEADER).isPresent()) {
            standardWebhooks.verify(request, clock.instant());
        } else if (request.header(RETIRED_PONTE_SIGNATURE).isPresent()) {
            throw WebhookRejectedException.unauthorized(RETIRED_PONTE_SIGNATURE + " is no longer accepted: it signs "
                    + "no timestamp, so a captured request could be replayed forever. Sign with the Standard Webhooks "
                    + "headers " + STANDARD_HEADERS + " instead (see the http plugin's README)");
        } else {
            throw WebhookRejectedException.unauthorized("signature missing: this connection has a secret, so send "
                    + "the Standard Webhooks headers " + STANDARD_HEADERS);
        }
    }

    /** One envelope for the text, then one per attachment ({@code id#1}, {@code id#2} ...), in that order. */
    static List<EnvelopeDraft> toDrafts(InboundMessage message) {
        if (message.isOutbound()) {
            Party to = Party.of(message.conversation().address());
            return List.of(draft(EnvelopeTypes.MESSAGE_OUTBOUND, message, message.id(),
                    ChatMessage.outbound(to, new Content.Text(message.text())))
                    .conversation(message.conversation())
                    .build());
        }
        Party from = new Party(message.from(), message.name());
        List<EnvelopeDraft> drafts = new ArrayList<>();
        if (message.text() != null) {
            drafts.add(draft(EnvelopeTypes.MESSAGE_INBOUND, message, message.id(),
                    ChatMessage.inbound(from, new Content.Text(message.text())))
                    .conversationAddress(message.address())
                    .build());
        }
        List<InboundAttachment> attachments = message.attachments();
        for (int i = 0; i < attachments.size(); i++) {
            drafts.add(draft(EnvelopeTypes.MESSAGE_INBOUND, message, message.id() + "#" + (i + 1),
                    ChatMessage.inbound(from, attachments.get(i).toContent()))
                    .conversationAddress(message.address())
                    .build());
        }
        return drafts;
    }

    private static EnvelopeDraft.Builder draft(String type, InboundMessage message, String externalId,
                                               ChatMessage payload) {
        EnvelopeDraft.Builder builder = EnvelopeDraft.builder(type, payload)
                .externalId(externalId)
                .occurredAt(message.occurredAt());
        for (Map.Entry<String, String> attribute : message.attributes().entrySet()) {
            builder.attribute(attribute.getKey(), attribute.getValue());
        }
        return builder;
    }
}
