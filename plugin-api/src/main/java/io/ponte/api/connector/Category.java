package io.ponte.api.connector;

/** What kind of system a connector talks to; used by admin UIs to group connector types. */
public enum Category {
    /** Messaging channels: WhatsApp, Instagram, Telegram, generic HTTP chat. */ CHANNEL,
    /** CRMs: HubSpot, Pipedrive. */ CRM,
    /** Marketplaces: Mercado Livre, Shopee. */ MARKETPLACE,
    /** Payment gateways: Stripe, Mercado Pago. */ PAYMENT,
    /** AI and rule-based agents. */ AGENT,
    /** Anything else (generic webhooks, schedulers). */ GENERIC
}
