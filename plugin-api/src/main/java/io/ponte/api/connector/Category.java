package io.ponte.api.connector;

/** What kind of system a connector talks to; used by admin UIs to group connector types. */
public enum Category {
    /** Messaging channels: WhatsApp, Instagram, Telegram, generic HTTP chat. */ CHANNEL,
    /** CRMs: HubSpot, Pipedrive. */ CRM,
    /** Marketplaces: Mercado Livre, Shopee. */ MARKETPLACE,
    /** Payment gateways: Stripe, Mercado Pago. */ PAYMENT,
    /** AI and rule-based agents. */ AGENT,
    /** Anything else (generic webhooks, schedulers). */ GENERIC;

    /** The written form (JSON, the database): the name in lower case. */
    @com.fasterxml.jackson.annotation.JsonValue
    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
