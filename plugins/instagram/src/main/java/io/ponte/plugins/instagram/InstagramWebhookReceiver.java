package io.ponte.plugins.instagram;

import io.ponte.api.connector.ConnectorMetrics;
import io.ponte.api.error.WebhookRejectedException;
import io.ponte.api.webhook.WebhookReceiver;
import io.ponte.api.webhook.WebhookRequest;
import io.ponte.api.webhook.WebhookResponse;
import io.ponte.api.webhook.WebhookResult;
import io.ponte.plugins.meta.MetaWebhooks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The inbound door of an {@code instagram} connection: Meta's subscription handshake on GET, and on POST the
 * {@code X-Hub-Signature-256} check over the raw body followed by {@link WebhookReader}, keeping only the entries of
 * this connection's account. Never calls Meta.
 * Stateless and thread-safe.
 */
final class InstagramWebhookReceiver implements WebhookReceiver {

    private static final Logger LOG = LoggerFactory.getLogger(InstagramWebhookReceiver.class);

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
        WebhookReader.Read read;
        try {
            MetaWebhooks.verifySignature(request, config.appSecret());
            read = WebhookReader.read(request.body(), config.webhookAccountId());
        } catch (WebhookRejectedException e) {
            metrics.increment("webhook.rejected", "status", Integer.toString(e.status()));
            throw e;
        }
        for (String other : read.otherAccounts()) {
            // Answered 200 all the same: a refusal would only make Meta retry it, and then disable the webhook.
            LOG.info("dropped a webhook entry for Instagram account {}: this connection is account {}; point that "
                    + "account's webhook at its own connection{}", other, config.webhookAccountId(),
                    config.igAccountId() == null ? " (on the Page-linked API, set " + InstagramConfig.IG_ACCOUNT_ID
                            + " to the Instagram account id)" : "");
            metrics.increment("webhook.dropped", "reason", "other_account");
        }
        metrics.increment("webhook.accepted");
        // Meta wants a quick 200 and reads no body.
        return WebhookResult.accepted(read.drafts());
    }
}
