package io.ponte.plugins.pipedrive;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ponte.api.action.ActionRequest;
import io.ponte.api.action.ActionResult;
import io.ponte.api.connector.Emitter;
import io.ponte.api.message.Envelope;
import io.ponte.api.message.EnvelopeDraft;
import io.ponte.api.message.EnvelopeTypes;
import io.ponte.kit.ActionFailure;
import io.ponte.kit.Emissions;
import io.ponte.kit.PluginJson;
import java.time.Duration;
import java.util.List;

/**
 * The follow-up of a stored webhook event ({@value #ACTION}), run durably by the hub after the webhook was answered:
 * <ul>
 *   <li>{@code {"entity":"person","personId"}}: {@code GET /api/v2/persons/{id}}, emitted as
 *       {@code contact.upserted} with {@code externalId} {@code person:<id>:<update_time>} (one state stored once);</li>
 *   <li>{@code {"entity":"deal","personId","event"}}: {@code GET /api/v2/persons/{id}} for the deal's person, and
 *       the event's deal state emitted as {@code deal.updated} with the person's name, phone and e-mail (see
 *       {@link WebhookEvents}).</li>
 * </ul>
 * Waits until the hub stored what it emits; Pipedrive's errors are the action's outcome (429 and 5xx retried). A
 * person deleted meanwhile (404) ends a person fetch with nothing emitted and a deal without its person's details.
 * Thread-safe.
 */
final class EventFetch {

    /** The follow-up action, declared in the descriptor. */
    static final String ACTION = "event.fetch";
    private static final Duration EMIT_WAIT = Duration.ofSeconds(10);

    private final Persons persons;
    private final Emitter emitter;

    EventFetch(Persons persons, Emitter emitter) {
        this.persons = persons;
        this.emitter = emitter;
    }

    ActionResult fetch(ActionRequest request) {
        JsonNode input = request.input();
        Long personId = Inputs.id(input, "personId");
        if (personId == null) {
            throw ActionFailure.failed(ACTION + " needs a personId");
        }
        String entity = input.path("entity").asText("");
        JsonNode person = person(personId);
        EnvelopeDraft.Builder builder = switch (entity) {
            case "person" -> person == null ? null
                    : EnvelopeDraft.builder(EnvelopeTypes.CONTACT_UPSERTED, WebhookEvents.contact(person))
                    .externalId("person:" + personId + ":" + person.path("update_time").asText(""))
                    .attribute("personId", Long.toString(personId));
            case "deal" -> {
                if (!input.path("event").path("data").isObject()) {
                    throw ActionFailure.failed(ACTION + " of a deal needs the event");
                }
                yield WebhookEvents.dealUpdated(input.get("event"), person);
            }
            default -> throw ActionFailure.failed(ACTION + " takes entity person or deal, not '"
                    + Inputs.clip(entity) + "'");
        };
        EnvelopeDraft draft = builder == null ? null : caused(builder, request.cause()).build();
        ObjectNode output = PluginJson.mapper().createObjectNode().put("entity", entity);
        if (draft != null) {
            List<String> stored = Emissions.await(emitter, List.of(draft), EMIT_WAIT);
            output.put("emitted", draft.type()).put("new", stored.get(0) != null);
        }
        return new ActionResult.Delivered(null, output);
    }

    /** The person, or null when Pipedrive no longer has it. */
    private JsonNode person(long id) {
        try {
            return persons.get(id);
        } catch (ActionFailure e) {
            if (e.result() instanceof ActionResult.Failed f && f.reason().contains("HTTP 404")) {
                return null;
            }
            throw e;
        }
    }

    private static EnvelopeDraft.Builder caused(EnvelopeDraft.Builder draft, Envelope cause) {
        return cause == null ? draft : draft.causationId(cause.id()).correlationId(cause.correlationId());
    }
}
