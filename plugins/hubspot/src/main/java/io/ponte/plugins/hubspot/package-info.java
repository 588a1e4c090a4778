/**
 * The {@code hubspot} connector: HubSpot's CRM v3 objects (contacts, deals, notes) as the four CRM actions, and
 * HubSpot's signed webhooks (v3 signatures) stored at once and fetched durably into {@code contact.upserted} and
 * {@code deal.updated}.
 */
package io.ponte.plugins.hubspot;
