package io.ponte.hub.ingress;

import io.ponte.hub.json.HubJson;
import io.ponte.api.message.ChatMessage;
import io.ponte.api.message.ConversationKey;
import io.ponte.api.message.Envelope;
import io.ponte.api.message.EnvelopeDraft;
import io.ponte.api.message.StatusUpdate;
import io.ponte.api.message.StorableValues;
import io.ponte.hub.connections.ConnectionRef;
import io.ponte.hub.errors.ValidationException.FieldError;
import io.ponte.hub.errors.ValidationException;
import io.ponte.hub.storage.Ids;
import io.ponte.hub.storage.StorableJson;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Completes a plugin's draft (id, tenant, source, conversation key, receipt time, correlation, hops) and checks it
 * first: every value must fit the store and be text a database takes, and every connection it names must be one of
 * the source's tenant. A draft that fails is refused with the field named, before it can join a group commit
 * (where one bad row would fail every request sharing the commit) and before anything is stored.
 */
public final class EnvelopeFactory {

    static final int MAX_TYPE = 100;
    static final int MAX_EXTERNAL_ID = 255;
    /** The longest contact address (a conversation key's part after the connection id). */
    public static final int MAX_ADDRESS = 360;
    static final int MAX_CONVERSATION = 400;
    static final int MAX_CHAIN_ID = 40;
    static final int MAX_REFERENCE = 300;
    static final int MAX_ORDERING_KEY = 400;
    static final int MAX_ATTRIBUTE_KEY = 100;
    static final int MAX_ATTRIBUTE_VALUE = 4_000;
    private static final Pattern TYPE = Pattern.compile("[a-z0-9][a-z0-9._-]*");

    private EnvelopeFactory() {
    }

    /**
     * Refuses drafts whose text the hub cannot store, naming the field ({@code envelopes[i].<field>} in a batch):
     * text anywhere in the draft (ids, addresses, names, content, attributes) with a NUL character or an unpaired
     * surrogate, which a database refuses or silently mangles. Runs before anything, a database lookup included,
     * reads the drafts; {@link #create} then checks each value's own rules.
     *
     * @throws ValidationException naming the field
     */
    static void check(List<EnvelopeDraft> drafts) {
        for (int i = 0; i < drafts.size(); i++) {
            String at = drafts.size() == 1 ? "" : "envelopes[" + i + "]";
            StorableJson.Unstorable text = StorableJson.find(HubJson.mapper().valueToTree(drafts.get(i)), at);
            if (text != null) {
                throw new ValidationException(text.field().isEmpty() ? "envelope" : text.field(), text.reason());
            }
        }
    }

    /**
     * @param tenantOf the tenant of a connection id, empty when there is no such connection
     * @throws ValidationException naming every field that is wrong
     */
    static Envelope create(ConnectionRef source, EnvelopeDraft d, long now, int hops,
                           Function<String, Optional<String>> tenantOf) {
        List<FieldError> errors = new ArrayList<>();
        check(errors, "type", d.type(), MAX_TYPE);
        if (d.type() != null && !d.type().isEmpty() && !TYPE.matcher(d.type()).matches()) {
            errors.add(new FieldError("type", "must be lower-case letters, digits, '.', '_' or '-' (like "
                    + "message.inbound)"));
        }
        check(errors, "externalId", d.externalId(), MAX_EXTERNAL_ID);
        check(errors, "correlationId", d.correlationId(), MAX_CHAIN_ID);
        check(errors, "causationId", d.causationId(), MAX_CHAIN_ID);
        ConversationKey conversation = conversation(source, d, tenantOf, errors);
        if (d.occurredAt() != null && !StorableValues.isStorable(d.occurredAt())) {
            errors.add(new FieldError("occurredAt", "must be " + StorableValues.INSTANT_RANGE));
        }
        for (Map.Entry<String, String> a : d.attributes().entrySet()) {
            check(errors, "attributes", a.getKey(), MAX_ATTRIBUTE_KEY);
            int max = a.getKey().equals("orderingKey") ? MAX_ORDERING_KEY : MAX_ATTRIBUTE_VALUE;
            if (a.getValue() != null && a.getValue().length() > max) {
                errors.add(new FieldError("attributes." + a.getKey(), "is " + a.getValue().length()
                        + " characters long; at most " + max + " are allowed"));
            }
        }
        switch (d.payload()) {
            case StatusUpdate s -> check(errors, "payload.messageId", s.messageId(), MAX_REFERENCE);
            case ChatMessage c -> {
                check(errors, "payload.replyTo", c.replyTo(), MAX_REFERENCE);
                if (c.to() != null) {
                    check(errors, "payload.to.address", c.to().address(), MAX_ADDRESS);
                }
            }
            default -> {
            }
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        String id = Ids.next("evt");
        return new Envelope(id, source.tenant(), d.type(), source.id(), d.externalId(), conversation,
                d.occurredAt() != null ? d.occurredAt() : Instant.ofEpochMilli(now),
                d.correlationId() != null ? d.correlationId() : id, d.causationId(), d.payload(), d.attributes(),
                hops);
    }

    /**
     * The conversation key: the draft's own (which must name a connection of the source's tenant: naming another
     * tenant's connection would send through it), else the source connection and the draft's address.
     */
    private static ConversationKey conversation(ConnectionRef source, EnvelopeDraft d,
                                                Function<String, Optional<String>> tenantOf, List<FieldError> errors) {
        ConversationKey key = d.conversation();
        if (key == null) {
            if (d.conversationAddress() == null) {
                return null;
            }
            return checkAddress(errors, "conversationAddress", d.conversationAddress())
                    ? new ConversationKey(source.id(), d.conversationAddress()) : null;
        }
        String connection = key.connectionId();
        if (check(errors, "conversation", connection, MAX_CHAIN_ID)
                && !connection.equals(source.id())
                && !tenantOf.apply(connection).map(source.tenant()::equals).orElse(false)) {
            // the same words for another tenant's connection and a missing one: nothing to learn from the answer
            errors.add(new FieldError("conversation", "names connection '" + connection + "', which is not a "
                    + "connection of this tenant"));
        }
        checkAddress(errors, "conversation", key.address());
        return key;
    }

    private static boolean checkAddress(List<FieldError> errors, String field, String address) {
        if (check(errors, field, address, MAX_ADDRESS) && address.isBlank()) {
            errors.add(new FieldError(field, "has an empty address"));
            return false;
        }
        return errors.isEmpty();
    }

    /** Whether the value (null passes) is at most {@code max} characters of well-formed text without controls. */
    public static boolean check(List<FieldError> errors, String field, String value, int max) {
        if (value == null) {
            return true;
        }
        if (value.length() > max) {
            errors.add(new FieldError(field, "is " + value.length() + " characters long; at most " + max
                    + " are allowed"));
            return false;
        }
        String bad = badCharacter(value);
        if (bad != null) {
            errors.add(new FieldError(field, "contains " + bad));
            return false;
        }
        return true;
    }

    /** What is wrong with an id or address: a control character (NUL ...) or a lone surrogate; null when nothing. */
    static String badCharacter(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c)) {
                return String.format("a control character (U+%04X) at position %d", (int) c, i);
            }
        }
        String problem = StorableValues.textProblem(value);
        return problem == null ? null : problem.replaceFirst("^contains ", "");
    }
}
