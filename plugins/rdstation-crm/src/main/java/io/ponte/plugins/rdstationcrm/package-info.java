/**
 * The {@code rdstation-crm} connector: one RD Station CRM account (API v1, {@code https://crm.rdstation.com/api/v1}).
 *
 * <p>Outbound, {@link io.ponte.plugins.rdstationcrm.Contacts} ({@code contact.upsert}),
 * {@link io.ponte.plugins.rdstationcrm.Deals} ({@code deal.create}, {@code deal.update}) and
 * {@link io.ponte.plugins.rdstationcrm.Notes} ({@code note.create}) call the API through
 * {@link io.ponte.plugins.rdstationcrm.RdStationApi} (the kit's {@code Provider}, the token as a query parameter);
 * {@link io.ponte.plugins.rdstationcrm.RdStationCrmErrors} says what its error answers mean. Inbound,
 * {@link io.ponte.plugins.rdstationcrm.DealWebhooks} turns deal webhooks into {@code deal.updated}.
 *
 * <p>The API token never reaches a log, a reason or an exception message.
 */
package io.ponte.plugins.rdstationcrm;
