package io.ponte.plugins.instagram;

import io.ponte.api.connector.ConnectorMetrics;
import io.ponte.api.error.WebhookRejectedException;
import io.ponte.api.message.EnvelopeDraft;
import io.ponte.api.webhook.WebhookReceiver;
import io.ponte.api.webhook.WebhookRequest;
import io.ponte.api.webhook.WebhookResponse;
import io.ponte.api.webhook.WebhookResult;
import io.ponte.plugins.meta.MetaWebhooks;
import java.util.List;

/**
 * The inbound door of an {@code instagram} connection: Meta's subscription handshake on GET, and on POST the
 * {@code X-Hub-Signature-256} check over the raw body followed by {@link WebhookReader}. Never calls Meta.
 * Stateless and thread-safe.
 */
final class InstagramWebhookReceiver implements WebhookReceiver {

    private final InstagramConfig config;
    private final ConnectorMetrics metrics;

    InstagramWebhookReceiver(InstagramConfig config, ConnectorMetrics metrics) {
        this.config = config;
        this.metrics = metrics;
    }

    @Override
    public WebhookResponse handshake(WebhookRequest request) {
        return MetaWebhooks.handshake(request, config.verifyToken());
    }

    @Override
    public WebhookResult receive(WebhookRequest request) {
        List<EnvelopeDraft> drafts;
        try {
            MetaWebhooks.verifySignature(request, config.appSecret());
            drafts = WebhookReader.read(request.body());
        } catch (WebhookRejectedException e) {
            metrics.increment("webhook.rejected", "status", Integer.toString(e.status()));
            throw e;
        }
        metrics.increment("webhook.accepted");
        // Meta wants a quick 200 and reads no body.
        return WebhookResult.accepted(drafts);
    }
}
