package io.ponte.plugins.stripe;

import io.ponte.api.action.ActionNames;
import io.ponte.api.action.ActionRequest;
import io.ponte.api.action.ActionResult;
import io.ponte.api.connector.Connector;
import io.ponte.api.connector.ConnectorContext;
import io.ponte.api.connector.Health;
import io.ponte.api.connector.SendRate;
import io.ponte.api.webhook.WebhookReceiver;
import io.ponte.kit.ActionTable;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One Stripe account: the webhook receiver for its events, the actions {@code payment.link.create} and
 * {@code payment.refund}, a {@code GET /v1/balance} health check and Stripe's documented rate limit. Holds no
 * mutable state; thread-safe.
 */
public final class StripeConnector implements Connector {

    /** Stripe's limit in live mode: 100 write operations a second (docs.stripe.com/rate-limits). */
    static final List<SendRate> LIVE_RATES = List.of(SendRate.perSecond(100));
    /** Stripe's limit in test mode (a sandbox): 25 write operations a second. */
    static final List<SendRate> TEST_RATES = List.of(SendRate.perSecond(25));

    private final StripeConfig config;
    private final String connectionId;
    private final StripeApi api;
    private final StripeWebhookReceiver receiver;
    private final ActionTable actions;

    /**
     * Opens an account connection.
     *
     * @param config  the connection's config
     * @param context the connection's context
     */
    public StripeConnector(StripeConfig config, ConnectorContext context) {
        this.config = Objects.requireNonNull(config, "config");
        this.connectionId = context.connectionId();
        this.api = new StripeApi(config, context);
        this.receiver = new StripeWebhookReceiver(config, context);
        this.actions = ActionTable.builder()
                .on(ActionNames.PAYMENT_LINK_CREATE, new PaymentLinks(api, config, context)::create)
                .on(ActionNames.PAYMENT_REFUND, new Refunds(api)::refund)
                .build();
    }

    @Override
    public Optional<WebhookReceiver> webhook() {
        return Optional.of(receiver);
    }

    @Override
    public ActionResult invoke(ActionRequest request) {
        return actions.invoke(request);
    }

    /** UP when Stripe accepts the key (test or live mode named), DOWN with the reason otherwise. */
    @Override
    public Health health() {
        return switch (api.ping()) {
            case ActionResult.Delivered delivered -> Health.up(StripeErrors.KEY_ACCEPTED + " (" + config.mode()
                    + " mode)");
            case ActionResult.Retry retry -> Health.down(retry.reason());
            case ActionResult.Failed failed -> Health.down(failed.reason());
        };
    }

    @Override
    public List<SendRate> sendRates() {
        return config.mode().equals("test") ? TEST_RATES : LIVE_RATES;
    }

    @Override
    public String toString() {
        return "StripeConnector[" + connectionId + ", " + config.mode() + " mode]";
    }
}
