package io.ponte.plugins.mercadopago;

import com.fasterxml.jackson.databind.JsonNode;
import io.ponte.api.action.ActionNames;
import io.ponte.api.action.ActionSpec;
import io.ponte.api.config.ConfigSpec;
import io.ponte.api.connector.Category;
import io.ponte.api.connector.Connector;
import io.ponte.api.connector.ConnectorContext;
import io.ponte.api.connector.ConnectorDescriptor;
import io.ponte.api.connector.ConnectorFactory;
import io.ponte.api.message.EnvelopeTypes;
import io.ponte.kit.PluginJson;
import java.util.List;
import org.pf4j.Extension;

/**
 * The {@code mercadopago} connector type: a Mercado Pago account. Stateless; opens one {@link MercadoPagoConnector}
 * per connection.
 */
@Extension
public final class MercadoPagoConnectorFactory implements ConnectorFactory {

    /** The permanent connector type id. */
    public static final String TYPE = "mercadopago";

    private static final ConfigSpec CONFIG = ConfigSpec.of(MercadoPagoConfig.ACCESS_TOKEN,
            MercadoPagoConfig.WEBHOOK_SECRET, MercadoPagoConfig.API_BASE_URL);

    private static final JsonNode PIX_SCHEMA = PluginJson.schema("""
            {"type":"object","required":["amount","description","payerEmail"],
             "properties":{
               "amount":{"type":["number","string"],"description":"The amount in reais, at most two decimals (12.34)."},
               "description":{"type":"string","maxLength":600,"description":"What the payment is for; the customer sees it."},
               "payerEmail":{"type":"string","description":"The payer's e-mail (Mercado Pago requires one)."},
               "expiresInMinutes":{"type":"integer","minimum":30,"maximum":43200,"description":"How long the code is valid (default 30)."},
               "orderId":{"type":"string","description":"Your order id, kept as the payment's external_reference."},
               "conversation":{"type":"string","description":"The chat to send the code to, <connection id>:<address>; the payment's states then land in it."}}}
            """);

    private static final JsonNode LINK_SCHEMA = PluginJson.schema("""
            {"type":"object","required":["amount","description"],
             "properties":{
               "amount":{"type":["number","string"],"description":"The unit price, at most two decimals."},
               "description":{"type":"string","maxLength":600,"description":"The item's title on the checkout."},
               "quantity":{"type":"integer","minimum":1,"maximum":10000,"description":"Default 1."},
               "payerEmail":{"type":"string"},
               "orderId":{"type":"string","description":"Kept as external_reference."},
               "conversation":{"type":"string","description":"The chat the link is for, <connection id>:<address>; the payment's states then land in it."}}}
            """);

    private static final JsonNode REFUND_SCHEMA = PluginJson.schema("""
            {"type":"object","required":["paymentId"],
             "properties":{
               "paymentId":{"type":["string","integer"],"description":"The Mercado Pago payment id."},
               "amount":{"type":["number","string"],"description":"A partial refund's amount; the whole payment without it."}}}
            """);

    private static final JsonNode PAYMENT_FETCH_SCHEMA = PluginJson.schema("""
            {"type":"object","required":["paymentId"],
             "properties":{"paymentId":{"type":["string","integer"],"description":"The Mercado Pago payment id."}}}
            """);

    private static final JsonNode ORDER_FETCH_SCHEMA = PluginJson.schema("""
            {"type":"object","required":["orderId"],
             "properties":{"orderId":{"type":"string","description":"The Orders API id (ORD...)."}}}
            """);

    private static final ConnectorDescriptor DESCRIPTOR = new ConnectorDescriptor(TYPE, Category.PAYMENT,
            "Mercado Pago",
            "Creates PIX charges (and puts the code into the customer's chat), Checkout Pro links and refunds; "
                    + "receives Mercado Pago's signed notices and fetches each payment into payment.* envelopes.",
            CONFIG,
            List.of(NoticeReceiver.NOTICE, EnvelopeTypes.PAYMENT_SUCCEEDED, EnvelopeTypes.PAYMENT_PENDING,
                    EnvelopeTypes.PAYMENT_FAILED, EnvelopeTypes.PAYMENT_REFUNDED, EnvelopeTypes.PAYMENT_DISPUTED,
                    EnvelopeTypes.MESSAGE_OUTBOUND),
            List.of(new ActionSpec(ActionNames.PIX_CREATE, "Creates a PIX charge: the copy-and-paste code, the QR "
                            + "code and its page; with a conversation, sends the code to the customer.", PIX_SCHEMA),
                    new ActionSpec(ActionNames.PAYMENT_LINK_CREATE, "Creates a Checkout Pro payment link.",
                            LINK_SCHEMA),
                    new ActionSpec(ActionNames.PAYMENT_REFUND, "Refunds a payment, wholly or in part.",
                            REFUND_SCHEMA),
                    new ActionSpec(PaymentFetch.PAYMENT_FETCH, "Reads a payment and emits its state as a "
                            + "payment.* envelope (what a payment notice's follow-up runs).", PAYMENT_FETCH_SCHEMA),
                    new ActionSpec(PaymentFetch.ORDER_FETCH, "Reads an Orders API order and emits its state as a "
                            + "payment.* envelope (what an order notice's follow-up runs).", ORDER_FETCH_SCHEMA)));

    /** For PF4J. */
    public MercadoPagoConnectorFactory() {
    }

    @Override
    public ConnectorDescriptor descriptor() {
        return DESCRIPTOR;
    }

    /** @throws io.ponte.api.config.ConfigException when the base URL has a query */
    @Override
    public Connector open(ConnectorContext context) {
        return new MercadoPagoConnector(MercadoPagoConfig.from(context.config()), context);
    }
}
