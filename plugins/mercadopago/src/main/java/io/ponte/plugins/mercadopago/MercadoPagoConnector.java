package io.ponte.plugins.mercadopago;

import com.fasterxml.jackson.databind.JsonNode;
import io.ponte.api.action.ActionNames;
import io.ponte.api.action.ActionRequest;
import io.ponte.api.action.ActionResult;
import io.ponte.api.connector.Connector;
import io.ponte.api.connector.ConnectorContext;
import io.ponte.api.connector.Health;
import io.ponte.api.webhook.WebhookReceiver;
import io.ponte.kit.ActionTable;
import java.util.Optional;

/**
 * One Mercado Pago account: the receiver of its signed notices ({@link NoticeReceiver}), the follow-up fetches
 * ({@link PaymentFetch}), {@code pix.create} ({@link PixCreate}), {@code payment.link.create} and
 * {@code payment.refund} ({@link Charges}), and a {@code GET /users/me} health check. Holds no mutable state;
 * thread-safe.
 */
public final class MercadoPagoConnector implements Connector {

    private final String connectionId;
    private final MercadoPagoClient client;
    private final NoticeReceiver receiver;
    private final ActionTable actions;

    /**
     * Opens an account connection.
     *
     * @param config  the connection's config
     * @param context the connection's context
     */
    public MercadoPagoConnector(MercadoPagoConfig config, ConnectorContext context) {
        this.connectionId = context.connectionId();
        this.client = new MercadoPagoClient(config, context);
        this.receiver = new NoticeReceiver(config, context.metrics());
        PaymentFetch fetch = new PaymentFetch(client, context.emitter());
        Charges charges = new Charges(client);
        this.actions = ActionTable.builder()
                .on(ActionNames.PIX_CREATE, new PixCreate(client, context)::create)
                .on(ActionNames.PAYMENT_LINK_CREATE, charges::link)
                .on(ActionNames.PAYMENT_REFUND, charges::refund)
                .on(PaymentFetch.PAYMENT_FETCH, fetch::payment)
                .on(PaymentFetch.ORDER_FETCH, fetch::order)
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

    /** UP naming the account's nickname when Mercado Pago accepts the token, DOWN with the reason otherwise. */
    @Override
    public Health health() {
        return switch (client.me()) {
            case ActionResult.Delivered d -> Health.up("Mercado Pago account " + nickname(d.output()));
            case ActionResult.Retry r -> Health.down(r.reason());
            case ActionResult.Failed f -> Health.down(f.reason());
        };
    }

    private static String nickname(JsonNode me) {
        String nickname = me == null ? null : NoticeReceiver.text(me.get("nickname"));
        return nickname != null ? nickname : String.valueOf(me == null ? null : NoticeReceiver.text(me.get("id")));
    }

    @Override
    public String toString() {
        return "MercadoPagoConnector[" + connectionId + "]";
    }
}
