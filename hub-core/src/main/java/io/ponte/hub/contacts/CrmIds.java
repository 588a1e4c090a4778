package io.ponte.hub.contacts;

import com.fasterxml.jackson.databind.JsonNode;
import io.ponte.api.action.ActionNames;
import io.ponte.api.message.Envelope;
import io.ponte.hub.connections.ConnectionRef;
import io.ponte.hub.dispatch.Dispatcher;
import io.ponte.hub.storage.DeliveryRow;

/**
 * What a delivered {@code contact.upsert} to a CRM teaches the contacts: the CRM's id (its output's {@code id}),
 * and the phone, e-mail and name it was given, for the contact of the conversation that caused it. So a later route
 * reads {@code contact.crm.hubspot} instead of upserting again, on any channel the person writes on.
 */
public final class CrmIds implements Dispatcher.Delivered {

    private static final int MAX_ID = 300;

    private final ContactDirectory directory;

    public CrmIds(ContactDirectory directory) {
        this.directory = directory;
    }

    @Override
    public void delivered(DeliveryRow row, ConnectionRef target, Envelope cause, JsonNode output) {
        if (!ActionNames.CONTACT_UPSERT.equals(row.action()) || output == null || !directory.isCrm(target.connectorType())) {
            return;
        }
        JsonNode id = output.get("id");
        String crmId = id == null || !(id.isTextual() || id.isIntegralNumber()) ? null : id.asText();
        if (crmId == null || crmId.isBlank() || crmId.length() > MAX_ID) {
            return;
        }
        JsonNode input;
        try {
            input = io.ponte.hub.json.HubJson.mapper().readTree(row.input());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            input = null;
        }
        directory.learn(row.tenantId(), cause == null ? null : cause.conversation(), target.connectorType(), crmId,
                input);
    }
}
