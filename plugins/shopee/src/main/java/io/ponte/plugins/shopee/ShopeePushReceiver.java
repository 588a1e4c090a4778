package io.ponte.plugins.shopee;

import com.fasterxml.jackson.databind.JsonNode;
import io.ponte.api.connector.ConnectorContext;
import io.ponte.api.connector.Health;
import io.ponte.api.error.WebhookRejectedException;
import io.ponte.api.message.EnvelopeDraft;
import io.ponte.api.message.FollowUp;
import io.ponte.api.message.GenericPayload;
import io.ponte.api.webhook.WebhookReceiver;
import io.ponte.api.webhook.WebhookRequest;
import io.ponte.api.webhook.WebhookResult;
import io.ponte.kit.PluginJson;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * The inbound door of Shopee's Push Mechanism. A push is authentic when its {@code Authorization} header is the hex
 * HMAC-SHA256, keyed with the partner key, of {@code <callback URL>|<raw body>} (the callback URL being
 * {@code callbackUrl} or the hub's {@code /hooks/<connection id>} URL); anything else is refused with 401 and
 * nothing is stored. An authentic push then becomes a {@code shopee.push.<code>} envelope (the push as it came),
 * {@code externalId} its {@code msg_id}, else {@code <shop_id>:<code>:<ordersn>:<status>:<update_time>}, so Shopee's
 * re-sends are stored once:
 * <ul>
 *   <li>code 3 (order status) and 4 (tracking number) carry a follow-up: {@value Orders#FETCH} of
 *       {@code order/<ordersn>}, which fetches the order and emits {@code order.updated};</li>
 *   <li>code 1 (authorized), 2 (authorization cancelled) and 12 (authorization expiring) also report the
 *       connection's health, saying what to do;</li>
 *   <li>a push for another {@code shop_id} (one App serves many shops) is acknowledged and dropped; an authentic body
 *       without a {@code code} (the console's Verify button) is acknowledged.</li>
 * </ul>
 * Shopee wants a 2xx with an empty body. Stateless apart from health reports; thread-safe; never calls Shopee.
 */
final class ShopeePushReceiver implements WebhookReceiver {

    static final String HEADER = "Authorization";
    static final String TYPE_PREFIX = "shopee.push.";

    private final ShopeeConfig config;
    private final ConnectorContext context;

    ShopeePushReceiver(ShopeeConfig config, ConnectorContext context) {
        this.config = config;
        this.context = context;
    }

    @Override
    public WebhookResult receive(WebhookRequest request) {
        try {
            authenticate(request);
            JsonNode push = push(request.body());
            List<EnvelopeDraft> drafts = drafts(push);
            context.metrics().increment("webhook.accepted");
            return WebhookResult.accepted(drafts);
        } catch (WebhookRejectedException e) {
            context.metrics().increment("webhook.rejected", "status", Integer.toString(e.status()));
            throw e;
        }
    }

    private void authenticate(WebhookRequest request) {
        URI callback = config.callbackUrl() != null ? config.callbackUrl() : context.webhookUrl().orElse(null);
        if (callback == null) {
            throw WebhookRejectedException.unauthorized("no callback URL to check the push's Authorization against: "
                    + "set callbackUrl on this connection or PONTE_PUBLIC_URL on the hub");
        }
        String given = request.header(HEADER).orElse("").strip().toLowerCase(Locale.ROOT);
        if (given.isEmpty()) {
            throw WebhookRejectedException.unauthorized(HEADER + " is missing: Shopee signs every push with the "
                    + "App's partner key");
        }
        String expected = ShopeeSigns.push(config.partnerKey(), callback.toString(), request.body());
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                given.getBytes(StandardCharsets.US_ASCII))) {
            throw WebhookRejectedException.unauthorized(HEADER + " does not match this connection's partnerKey and "
                    + "callback URL (" + callback + "; it must be the URL registered in Shopee's console)");
        }
    }

    private List<EnvelopeDraft> drafts(JsonNode push) {
        JsonNode code = push.get("code");
        if (code == null) {
            return List.of();
        }
        if (!code.isIntegralNumber()) {
            throw WebhookRejectedException.badRequest("code must be an integer");
        }
        String shop = push.hasNonNull("shop_id") ? push.get("shop_id").asText() : null;
        if (shop != null && !shop.equals(config.shopId())) {
            context.metrics().increment("webhook.other.shop");
            return List.of();
        }
        int kind = code.asInt();
        JsonNode data = push.path("data");
        String orderSn = data.path("ordersn").asText("");
        EnvelopeDraft.Builder draft = EnvelopeDraft.builder(TYPE_PREFIX + kind, new GenericPayload(push))
                .externalId(externalId(push, kind, shop, data, orderSn))
                .attribute("shopId", shop)
                .attribute("code", Integer.toString(kind));
        if (push.path("timestamp").canConvertToLong() && push.path("timestamp").asLong() > 0
                && push.path("timestamp").asLong() < 253_402_300_799L) {
            draft.occurredAt(Instant.ofEpochSecond(push.get("timestamp").asLong()));
        }
        if (kind == 3 || kind == 4) {
            if (!orderSn.matches("[A-Za-z0-9]{1,64}")) {
                throw WebhookRejectedException.badRequest("an order push needs data.ordersn");
            }
            draft.attribute("orderSn", orderSn).attribute("status", data.path("status").asText(null))
                    .followUp(FollowUp.of(Orders.FETCH, "order/" + orderSn,
                            PluginJson.mapper().createObjectNode().put("orderSn", orderSn)));
        }
        reportAuthorization(kind);
        return List.of(draft.build());
    }

    private void reportAuthorization(int kind) {
        switch (kind) {
            case 1 -> context.reportHealth(Health.up("Shopee reports the shop authorized the App"));
            case 2 -> context.reportHealth(ShopeeErrors.reauthorize("Shopee reports the seller cancelled the App's "
                    + "authorization (push code 2)"));
            case 12 -> context.reportHealth(new Health(Health.Status.DEGRADED, "Shopee reports the shop's "
                    + "authorization expires soon (push code 12): have the seller authorize the "
                    + "App again before it does, and save the new accessToken and refreshToken on this connection"));
            default -> { }
        }
    }

    private static String externalId(JsonNode push, int kind, String shop, JsonNode data, String orderSn) {
        String msgId = push.path("msg_id").asText("");
        if (!msgId.isEmpty()) {
            return msgId.length() > 200 ? msgId.substring(0, 200) : msgId;
        }
        String updated = data.hasNonNull("update_time") ? data.get("update_time").asText()
                : push.path("timestamp").asText("");
        String id = (shop == null ? "" : shop) + ":" + kind + ":" + orderSn + ":" + data.path("status").asText("")
                + ":" + updated;
        return id.length() > 200 ? id.substring(0, 200) : id;
    }

    private static JsonNode push(byte[] body) {
        JsonNode push;
        try {
            push = PluginJson.mapper().readTree(body);
        } catch (IOException e) {
            throw WebhookRejectedException.badRequest("the body is not JSON");
        }
        if (push == null || !push.isObject()) {
            throw WebhookRejectedException.badRequest("the body must be one Shopee push object");
        }
        return push;
    }
}
