package io.ponte.plugins.rulesagent;

import io.ponte.kit.agent.Turn;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.MatchResult;

/**
 * The values a reply template sees:
 * <ul>
 *   <li>{@code contact.name}, {@code contact.address}: the sender's display name (from the message, else the
 *       conversation) and address;</li>
 *   <li>{@code message.text}: the message text (empty for other content);</li>
 *   <li>{@code conversation.key}: {@code <channel connection id>:<address>};</li>
 *   <li>{@code tenant}: the tenant id;</li>
 *   <li>{@code group.0} (the whole match), {@code group.1}, {@code group.2} ..., and {@code group.<name>} for
 *       named groups {@code (?<name>...)}: the matching pattern's groups, for the template of that rule (and of the
 *       hand-off); a group that took no part in the match is missing.</li>
 * </ul>
 * Missing values render empty.
 */
final class TemplateVariables {

    private TemplateVariables() {
    }

    /**
     * The variables for one message.
     *
     * @param turn  the message
     * @param text  its text as the rules see it (NFC), or null for other content
     * @param match the pattern match whose groups to offer, or null
     * @return a fresh map
     */
    static Map<String, Object> of(Turn turn, String text, MatchResult match) {
        Map<String, Object> root = new LinkedHashMap<>();
        Map<String, Object> contact = new LinkedHashMap<>();
        putIfSet(contact, "name", turn.contactName());
        putIfSet(contact, "address", turn.address());
        root.put("contact", contact);
        root.put("message", Map.of("text", text == null ? "" : text));
        root.put("conversation", Map.of("key", turn.conversation().toString()));
        putIfSet(root, "tenant", turn.tenant());
        root.put("group", groups(match));
        return root;
    }

    private static Map<String, Object> groups(MatchResult match) {
        Map<String, Object> groups = new LinkedHashMap<>();
        if (match == null) {
            return groups;
        }
        for (int i = 0; i <= match.groupCount(); i++) {
            putIfSet(groups, Integer.toString(i), match.group(i));
        }
        match.namedGroups().forEach((name, index) -> putIfSet(groups, name, match.group(index)));
        return groups;
    }

    private static void putIfSet(Map<String, Object> map, String key, String value) {
        if (value != null) {
            map.put(key, value);
        }
    }
}
