/**
 * The {@code pipedrive} connector: one Pipedrive company (developers.pipedrive.com) as a CRM.
 *
 * <p>Outbound, the CRM actions every CRM plugin shares: {@link io.ponte.plugins.pipedrive.Persons}
 * ({@code contact.upsert}), {@link io.ponte.plugins.pipedrive.Deals} ({@code deal.create}, {@code deal.update}),
 * {@link io.ponte.plugins.pipedrive.Notes} ({@code note.create}, with a conversation's transcript), all through
 * {@link io.ponte.plugins.pipedrive.PipedriveApi} on the kit's {@code Provider};
 * {@link io.ponte.plugins.pipedrive.PipedriveErrors} says what Pipedrive's error answers mean.
 *
 * <p>Inbound, {@link io.ponte.plugins.pipedrive.PipedriveWebhookReceiver} checks the webhook's HTTP Basic
 * credentials and {@link io.ponte.plugins.pipedrive.WebhookEvents} maps the v2 event; what needs a person's details
 * is fetched afterwards by the follow-up {@link io.ponte.plugins.pipedrive.EventFetch}.
 *
 * <p>Roles: {@link io.ponte.plugins.pipedrive.PipedriveConnectorFactory} (descriptor and config spec),
 * {@link io.ponte.plugins.pipedrive.PipedriveConnector} (one per company connection),
 * {@link io.ponte.plugins.pipedrive.PipedriveConfig} (config fields, declared once, and the typed config). The API
 * token travels only in the {@code x-api-token} header and never reaches a log, a reason or an exception.
 */
package io.ponte.plugins.pipedrive;
