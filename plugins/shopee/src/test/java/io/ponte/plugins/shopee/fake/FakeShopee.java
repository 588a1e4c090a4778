package io.ponte.plugins.shopee.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ponte.api.message.MessageJson;
import io.ponte.testkit.fake.Answer;
import io.ponte.testkit.fake.FakeProvider;
import io.ponte.testkit.fake.Recorded;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Shopee's Open Platform API v2 as its guide describes it, for one App and one shop: every call's {@code sign}
 * checked (Shop API: {@code partner_id + path + timestamp + access_token + shop_id}; the token refresh: public sign)
 * and answered with Shopee's envelope ({@code request_id}, {@code error}, {@code message}, {@code response}); a wrong
 * sign is {@code error_sign} "Wrong sign.", a stale access token {@code invalid_acceess_token} (Shopee's spelling),
 * an unknown refresh token {@code error_auth}. {@code access_token/get} rotates both tokens (the refresh token is
 * single-use). Orders ({@code get_order_detail}), listings ({@code search_item} by {@code item_sku}, matching an
 * item's SKU or one of its models', and {@code get_model_list}), {@code update_stock} and {@code get_shop_info} are
 * served from what the test put in. {@link #push} signs pushes as Shopee does. Thread-safe.
 */
public final class FakeShopee extends FakeProvider {

    static final JsonMapper JSON = MessageJson.newMapper();
    public static final String REFRESH_PATH = "/api/v2/auth/access_token/get";

    private final String partnerId;
    private final String partnerKey;
    private final String shopId;
    private volatile String accessToken;
    private volatile String refreshToken;
    private final AtomicInteger rotations = new AtomicInteger();
    private final Map<String, ObjectNode> orders = new ConcurrentHashMap<>();
    private final Map<Long, Listing> listings = new ConcurrentHashMap<>();
    private final List<JsonNode> stockUpdates = new CopyOnWriteArrayList<>();

    /** A listing: its item SKU and its models (id → model_sku), none for an item without variants. */
    public record Listing(long itemId, String itemSku, Map<Long, String> models) {
    }

    /** Serves one App's shop with these credentials. */
    public FakeShopee(String partnerId, String partnerKey, String shopId, String accessToken, String refreshToken) {
        this.partnerId = partnerId;
        this.partnerKey = partnerKey;
        this.shopId = shopId;
        this.accessToken = accessToken;
        this.refreshToken = refreshToken;
    }

    /** The base URL to configure as {@code apiBaseUrl}. */
    public String baseUrl() {
        return root().toString();
    }

    /** The access token Shopee accepts now. */
    public String accessToken() {
        return accessToken;
    }

    /** The refresh token Shopee accepts now. */
    public String refreshToken() {
        return refreshToken;
    }

    /** Expires the current access token (as 4 hours passing would): the next call with it is refused. */
    public void expireAccessToken() {
        accessToken = "expired-" + accessToken;
    }

    /** How many times the tokens were refreshed. */
    public int rotations() {
        return rotations.get();
    }

    /** Puts (or replaces) an order, in get_order_detail's shape (see get-order-detail-response fixture). */
    public void putOrder(String orderSn, String status, long updateTime, String sku, int quantity) {
        ObjectNode order = (ObjectNode) fixture("get-order-detail-response.RECONSTRUCTED.json")
                .at("/response/order_list/0");
        order.put("order_sn", orderSn).put("order_status", status).put("update_time", updateTime);
        ((ObjectNode) order.at("/item_list/0")).put("item_sku", sku).put("model_quantity_purchased", quantity);
        orders.put(orderSn, order);
    }

    /** Puts a listing. */
    public void putListing(Listing listing) {
        listings.put(listing.itemId(), listing);
    }

    /** Every update_stock body received with a valid sign, in order. */
    public List<JsonNode> stockUpdates() {
        return List.copyOf(stockUpdates);
    }

    /** The requests to {@code path} (any query). */
    public List<Recorded> calls(String path) {
        return requests(r -> r.path().equals(path));
    }

    @Override
    protected Answer answer(Recorded request) {
        Map<String, String> q = request.queryParams();
        if (!partnerId.equals(q.get("partner_id"))) {
            return error(403, "error_param", "Invalid partner_id.");
        }
        if (q.get("timestamp") == null || !q.get("timestamp").matches("[0-9]{1,12}")) {
            return error(403, "error_param", "Invalid timestamp");
        }
        if (request.path().equals(REFRESH_PATH)) {
            return refresh(request, q);
        }
        String base = partnerId + request.path() + q.get("timestamp") + q.getOrDefault("access_token", "")
                + q.getOrDefault("shop_id", "");
        if (!hmac(partnerKey, base).equals(q.get("sign"))) {
            return error(403, "error_sign", "Wrong sign.");
        }
        if (!shopId.equals(q.get("shop_id"))) {
            return error(403, "error_auth", "Invalid shop_id.");
        }
        if (!accessToken.equals(q.get("access_token"))) {
            return error(403, "invalid_acceess_token", "Invalid access_token.");
        }
        return switch (request.path()) {
            case "/api/v2/order/get_order_detail" -> orderDetail(q);
            case "/api/v2/product/search_item" -> searchItem(q);
            case "/api/v2/product/get_model_list" -> modelList(q);
            case "/api/v2/product/update_stock" -> updateStock(request.bodyJson());
            case "/api/v2/shop/get_shop_info" -> Answer.json(200, envelope().put("shop_name", "Loja Ponte")
                    .put("region", "BR").put("status", "NORMAL"));
            default -> error(404, "error_not_found", "Api not found.");
        };
    }

    private Answer refresh(Recorded request, Map<String, String> q) {
        if (!hmac(partnerKey, partnerId + REFRESH_PATH + q.get("timestamp")).equals(q.get("sign"))) {
            return error(403, "error_sign", "Wrong sign.");
        }
        JsonNode body = request.bodyJson();
        if (!refreshToken.equals(body.path("refresh_token").asText()) || !body.path("shop_id").isIntegralNumber()
                || !shopId.equals(body.path("shop_id").asText())
                || !partnerId.equals(body.path("partner_id").asText())) {
            return error(403, "error_auth", "Invalid refresh_token.");
        }
        int n = rotations.incrementAndGet();
        accessToken = "4163636573735f" + n + "_" + Long.toHexString(System.nanoTime());
        refreshToken = "5265667265736820" + n + "_" + Long.toHexString(System.nanoTime());
        return Answer.json(200, envelope().put("partner_id", Long.parseLong(partnerId))
                .put("shop_id", Long.parseLong(shopId)).put("access_token", accessToken)
                .put("refresh_token", refreshToken).put("expire_in", 14400));
    }

    private Answer orderDetail(Map<String, String> q) {
        ObjectNode answer = envelope();
        ArrayNode list = answer.putObject("response").putArray("order_list");
        for (String sn : q.getOrDefault("order_sn_list", "").split(",")) {
            ObjectNode order = orders.get(sn);
            if (order != null) {
                list.add(order.deepCopy());
            }
        }
        if (list.isEmpty()) {
            return error(200, "error_not_found", "Wrong parameters, detail: the order is not found.");
        }
        return Answer.json(200, answer);
    }

    private Answer searchItem(Map<String, String> q) {
        String sku = q.get("item_sku");
        if (q.get("page_size") == null) {
            return error(200, "product.error_param", "invalid field PageSize: value must  Not Null");
        }
        ObjectNode answer = envelope();
        ObjectNode response = answer.putObject("response");
        ArrayNode ids = response.putArray("item_id_list");
        listings.values().stream()
                .filter(l -> sku != null && (sku.equals(l.itemSku()) || l.models().containsValue(sku)))
                .forEach(l -> ids.add(l.itemId()));
        response.put("total_count", ids.size()).put("next_offset", "");
        return Answer.json(200, answer);
    }

    private Answer modelList(Map<String, String> q) {
        Listing listing = listings.get(Long.parseLong(q.getOrDefault("item_id", "0")));
        if (listing == null) {
            return error(200, "product.error_item_not_found", "Item_id is not found.");
        }
        ObjectNode answer = envelope();
        ObjectNode response = answer.putObject("response");
        response.putArray("tier_variation");
        ArrayNode models = response.putArray("model");
        listing.models().forEach((id, sku) -> models.addObject().put("model_id", id).put("model_sku", sku)
                .put("model_status", "MODEL_NORMAL"));
        return Answer.json(200, answer);
    }

    private Answer updateStock(JsonNode body) {
        Listing listing = listings.get(body.path("item_id").asLong());
        if (listing == null) {
            return error(200, "product.error_item_not_found", "Item_id is not found.");
        }
        stockUpdates.add(body);
        ObjectNode answer = envelope();
        ObjectNode response = answer.putObject("response");
        response.putArray("failure_list");
        ArrayNode success = response.putArray("success_list");
        for (JsonNode s : body.path("stock_list")) {
            success.addObject().put("model_id", s.path("model_id").asLong()).put("location_id", "BRZ")
                    .put("stock", s.at("/seller_stock/0/stock").asInt());
        }
        return Answer.json(200, answer);
    }

    /** Shopee's error body ({@code request_id}, {@code error}, {@code message}) with this HTTP status. */
    public static Answer error(int status, String error, String message) {
        return Answer.json(status, JSON.createObjectNode().put("request_id", requestId()).put("error", error)
                .put("message", message));
    }

    private static ObjectNode envelope() {
        return JSON.createObjectNode().put("request_id", requestId()).put("error", "").put("message", "");
    }

    private static String requestId() {
        return Long.toHexString(System.nanoTime()) + "a2f3b9c0d1e24f5a";
    }

    /** A push signed as Shopee signs it. */
    public record SignedPush(String body, String authorization) {
    }

    /** Signs {@code body} for {@code callbackUrl}: hex HMAC-SHA256(partner key, URL + "|" + body). */
    public static SignedPush push(String partnerKey, String callbackUrl, String body) {
        return new SignedPush(body, hmac(partnerKey, callbackUrl + "|" + body));
    }

    /**
     * An order status push (code 3) in the shape of the observed push ({@code push-order-status.OBSERVED.json}:
     * same fields, same order, no whitespace).
     */
    public static String orderStatusPush(String msgId, String shopId, String orderSn, String status, long updateTime) {
        ObjectNode push = (ObjectNode) fixture("push-order-status.OBSERVED.json");
        ObjectNode data = (ObjectNode) push.get("data");
        push.put("msg_id", msgId);
        data.put("ordersn", orderSn).put("status", status).put("update_time", updateTime);
        push.put("shop_id", Long.parseLong(shopId)).put("timestamp", updateTime + 1);
        if (msgId == null) {
            push.remove("msg_id");
        }
        return push.toString();
    }

    /** A test resource under {@code shopee/}, as text. */
    public static String fixtureText(String name) {
        try (var in = FakeShopee.class.getResourceAsStream("/shopee/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A test resource under {@code shopee/}, as JSON. */
    public static JsonNode fixture(String name) {
        try {
            return JSON.readTree(fixtureText(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String hmac(String key, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The listings, for assertions. */
    public List<Listing> listings() {
        return new ArrayList<>(listings.values());
    }
}
