package io.ponte.plugins.stripe;

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
 * The {@code stripe} connector type: a Stripe account through its webhook endpoint and API. Stateless; opens one
 * {@link StripeConnector} per connection.
 */
@Extension
public final class StripeConnectorFactory implements ConnectorFactory {

    /** The permanent connector type id. */
    public static final String TYPE = "stripe";

    private static final ConfigSpec CONFIG = ConfigSpec.of(StripeConfig.API_KEY, StripeConfig.WEBHOOK_SECRET,
            StripeConfig.API_BASE_URL, StripeConfig.SUCCESS_URL, StripeConfig.CANCEL_URL,
            StripeConfig.TIMEOUT_SECONDS);

    private static final JsonNode LINK_SCHEMA = PluginJson.schema("""
            {"type":"object","required":["amount","currency","description"],
             "properties":{
               "amount":{"type":["number","string"],"description":"In major units (19.90 BRL, 5000 JPY, 1.250 BHD)."},
               "currency":{"type":"string","pattern":"^[A-Za-z]{3}$","description":"ISO 4217 code."},
               "description":{"type":"string","minLength":1,"description":"The line item's name on the Checkout page."},
               "orderId":{"type":"string","description":"Your order; comes back as the payment's orderId."},
               "conversation":{"type":"string","description":"A conversation of this tenant (<connection id>:<address>); the payment's events join it."}}}
            """);

    private static final JsonNode REFUND_SCHEMA = PluginJson.schema("""
            {"type":"object","required":["paymentId"],
             "properties":{
               "paymentId":{"type":"string","description":"The PaymentIntent (pi_…) or Charge (ch_…) id, as payment.* envelopes carry it."},
               "amount":{"type":["number","string"],"description":"A partial refund in major units; without it, what is left."},
               "currency":{"type":"string","pattern":"^[A-Za-z]{3}$","description":"The payment's currency; read from Stripe when absent."},
               "reason":{"enum":["duplicate","fraudulent","requested_by_customer"]}}}
            """);

    private static final ConnectorDescriptor DESCRIPTOR = new ConnectorDescriptor(TYPE, Category.PAYMENT,
            "Stripe",
            "Receives a Stripe account's signed webhook events as payment.succeeded, failed, pending, refunded and "
                    + "disputed envelopes, and creates Checkout payment links and refunds through the Stripe API.",
            CONFIG,
            List.of(EnvelopeTypes.PAYMENT_SUCCEEDED, EnvelopeTypes.PAYMENT_FAILED, EnvelopeTypes.PAYMENT_PENDING,
                    EnvelopeTypes.PAYMENT_REFUNDED, EnvelopeTypes.PAYMENT_DISPUTED, EventMapper.STRIPE_EVENT),
            List.of(new ActionSpec(ActionNames.PAYMENT_LINK_CREATE,
                            "Creates a Stripe Checkout payment link for an amount.", LINK_SCHEMA),
                    new ActionSpec(ActionNames.PAYMENT_REFUND,
                            "Refunds a Stripe payment, wholly or in part.", REFUND_SCHEMA)));

    /** For PF4J. */
    public StripeConnectorFactory() {
    }

    @Override
    public ConnectorDescriptor descriptor() {
        return DESCRIPTOR;
    }

    /** @throws io.ponte.api.config.ConfigException when the base URL has a query */
    @Override
    public Connector open(ConnectorContext context) {
        return new StripeConnector(StripeConfig.from(context.config()), context);
    }
}
