package io.ponte.plugins.instagram.fake;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ponte.kit.PluginJson;
import io.ponte.plugins.meta.fake.FakeGraph;
import io.ponte.plugins.meta.fake.FakeGraph.SignedWebhook;
import java.util.Objects;

/**
 * Builds Instagram messaging webhooks in Meta's shape, {@code {"object":"instagram","entry":[{"id","time",
 * "messaging":[...]}]}}, and signs them like Meta does. Not thread-safe (one builder per webhook).
 * <pre>{@code
 * SignedWebhook hook = InstagramWebhooks.forAccount(igUserId)
 *         .text("6281738961877326", "aWdf...1", "Hi!", 1767261600000L)
 *         .echo("6281738961877326", "aWdf...2", "Hello!", 1767261601000L)
 *         .signed(appSecret);
 * // POST hook.body() to /hooks/{connectionId} with header hook.headerName(): hook.signature()
 * }</pre>
 */
public final class InstagramWebhooks {

    private final String accountId;
    private final ObjectNode root = PluginJson.mapper().createObjectNode();
    private final ArrayNode messaging;
    private final ObjectNode entry;

    private InstagramWebhooks(String accountId, long time) {
        this.accountId = Objects.requireNonNull(accountId, "accountId");
        root.put("object", "instagram");
        entry = root.putArray("entry").addObject().put("id", accountId).put("time", time);
        messaging = entry.putArray("messaging");
    }

    /** A webhook for this Instagram professional account; {@code entry[0].time} is 1767261600000 (2026-01-01T10Z). */
    public static InstagramWebhooks forAccount(String accountId) {
        return new InstagramWebhooks(accountId, 1_767_261_600_000L);
    }

    /** A contact's text message to the account. */
    public InstagramWebhooks text(String igsid, String mid, String text, long timestampMillis) {
        item(igsid, accountId, timestampMillis).putObject("message").put("mid", mid).put("text", text);
        return this;
    }

    /** The echo of a text the account sent to a contact ({@code is_echo}). */
    public InstagramWebhooks echo(String igsid, String mid, String text, long timestampMillis) {
        item(accountId, igsid, timestampMillis).putObject("message").put("mid", mid).put("text", text)
                .put("is_echo", true);
        return this;
    }

    /** A contact's tap on a quick reply: its title as text plus {@code quick_reply.payload}. */
    public InstagramWebhooks quickReply(String igsid, String mid, String title, String payload, long timestampMillis) {
        ObjectNode message = item(igsid, accountId, timestampMillis).putObject("message").put("mid", mid)
                .put("text", title);
        message.putObject("quick_reply").put("payload", payload);
        return this;
    }

    /** A contact's image (or {@code video}, {@code audio}, {@code file}) attachment. */
    public InstagramWebhooks attachment(String igsid, String mid, String type, String url, long timestampMillis) {
        ObjectNode message = item(igsid, accountId, timestampMillis).putObject("message").put("mid", mid);
        message.putArray("attachments").addObject().put("type", type).putObject("payload").put("url", url);
        return this;
    }

    /** A contact read the conversation up to {@code mid} ({@code messaging_seen}). */
    public InstagramWebhooks read(String igsid, String mid, long timestampMillis) {
        item(igsid, accountId, timestampMillis).putObject("read").put("mid", mid);
        return this;
    }

    /** The JSON body, compact, as Meta sends it. */
    public String json() {
        return root.toString();
    }

    /** The body signed with the app secret. */
    public SignedWebhook signed(String appSecret) {
        return FakeGraph.signedWebhook(appSecret, json());
    }

    private ObjectNode item(String sender, String recipient, long timestamp) {
        ObjectNode item = messaging.addObject();
        item.putObject("sender").put("id", sender);
        item.putObject("recipient").put("id", recipient);
        item.put("timestamp", timestamp);
        return item;
    }
}
