package io.ponte.plugins.pipedrive;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ponte.api.action.ActionRequest;
import io.ponte.api.action.ActionResult;
import io.ponte.api.connector.ConnectorContext;
import io.ponte.api.conversation.ConversationInfo;
import io.ponte.api.conversation.HistoryEntry;
import io.ponte.api.message.ConversationKey;
import io.ponte.kit.ActionFailure;
import io.ponte.kit.PluginJson;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * {@code note.create} ({@code POST /api/v1/notes}: notes have no API v2 yet), input {@code {contact?, deal?, text?,
 * conversation?}}: a note on the person {@code contact} and/or the deal {@code deal}.
 *
 * <p>With {@code conversation} (a written conversation key, {@code <channel connection id>:<address>}, as route
 * templates render {@code {{conversation}}}) the note also carries the conversation's transcript, read through the
 * hub's conversations ({@link #HISTORY} newest entries, oldest first): route templates see only the envelope, not the
 * history. Without {@code contact} and {@code deal}, the note goes on the person whose phone is the conversation's
 * address (found or created as {@code contact.upsert} does, named after the contact's display name). A conversation
 * of another tenant is unknown here and fails the action.
 *
 * <p>The note's content is HTML (what Pipedrive shows): the text and the transcript are escaped. A retry of a
 * delivery that already created its note answers that note ({@code note:<idempotency key>} in {@code state()}).
 * Thread-safe.
 */
final class Notes {

    /** How many history entries the transcript shows at most. */
    static final int HISTORY = 200;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(ZoneOffset.UTC);

    private final PipedriveApi api;
    private final ConnectorContext context;
    private final Persons persons;

    Notes(PipedriveApi api, ConnectorContext context, Persons persons) {
        this.api = api;
        this.context = context;
        this.persons = persons;
    }

    ActionResult create(ActionRequest request) {
        JsonNode input = request.input();
        String key = "note:" + request.idempotencyKey();
        String mine = context.state().get(key).orElse(null);
        if (mine != null) {
            return delivered(mine);
        }
        Long person = Inputs.id(input, "contact");
        Long deal = Inputs.id(input, "deal");
        String text = Inputs.text(input, "text");
        String written = Inputs.text(input, "conversation");
        StringBuilder content = new StringBuilder(text == null ? "" : html(text));
        if (written != null) {
            ConversationKey conversation = ConversationKey.parse(written).orElseThrow(() -> ActionFailure.failed(
                    "conversation must be a conversation key <connection id>:<address>, not '"
                            + Inputs.clip(written) + "'"));
            ConversationInfo info = context.conversations().get(conversation).orElseThrow(() -> ActionFailure.failed(
                    "no conversation " + Inputs.clip(written) + " in this tenant"));
            if (person == null && deal == null) {
                String phone = Inputs.phone(conversation.address());
                if (phone == null) {
                    throw ActionFailure.failed("the conversation's address is no phone number: give contact or deal");
                }
                person = persons.upsert(info.contactName(), null, phone, null, request.idempotencyKey()).id();
            }
            content.append(content.isEmpty() ? "" : "<br><br>").append(transcript(info));
        }
        if (person == null && deal == null) {
            throw ActionFailure.failed("note.create needs a contact (person id), a deal id or a conversation");
        }
        if (content.isEmpty()) {
            throw ActionFailure.failed("text is required");
        }
        ObjectNode body = PluginJson.mapper().createObjectNode().put("content", content.toString());
        if (person != null) {
            body.put("person_id", person);
        }
        if (deal != null) {
            body.put("deal_id", deal);
        }
        String id = Long.toString(Persons.idOf(api.send("POST", "/api/v1/notes", body), "POST /api/v1/notes"));
        context.state().put(key, id);
        return delivered(id);
    }

    private String transcript(ConversationInfo info) {
        List<HistoryEntry> history = context.conversations().history(info.key(), HISTORY);
        StringBuilder out = new StringBuilder("<b>Conversation ").append(html(info.key().toString())).append("</b>");
        for (HistoryEntry entry : history) {
            if (entry.direction() == HistoryEntry.Direction.NOTE) {
                continue;
            }
            String who = entry.direction() == HistoryEntry.Direction.INBOUND
                    ? (entry.senderName() != null ? entry.senderName()
                    : info.contactName() != null ? info.contactName() : "contact")
                    : "us";
            String said = entry.text() != null ? entry.text()
                    : "[" + entry.content().getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT) + "]";
            out.append("<br>[").append(TIME.format(entry.at())).append("] ").append(html(who)).append(": ")
                    .append(html(said));
        }
        return out.toString();
    }

    /** Text as HTML: the five special characters escaped, line breaks as {@code <br>}. */
    static String html(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;").replace("\r\n", "<br>").replace("\n", "<br>");
    }

    private static ActionResult delivered(String id) {
        return new ActionResult.Delivered(id, PluginJson.mapper().createObjectNode().put("id", id));
    }
}
