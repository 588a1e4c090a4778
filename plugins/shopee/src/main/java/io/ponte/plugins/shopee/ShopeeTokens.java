package io.ponte.plugins.shopee;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ponte.api.connector.KeyValueStore;
import io.ponte.kit.PluginJson;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The shop's current access and refresh tokens. Shopee rotates both on every refresh (the refresh token is
 * single-use), so the rotated pair lives in the connection's secret store ({@code context.secrets()}: encrypted at
 * rest, kept across restarts) under {@value #KEY}, with the access token's expiry and a digest of the config's
 * refresh token it descends from. The stored pair wins over the config's once present, until an admin saves a new
 * refresh token (a new authorization), which starts a new line. Thread-safe; never logs a token.
 */
final class ShopeeTokens {

    /** The secret store key of the rotated tokens. */
    static final String KEY = "tokens";
    /** How long before the access token's expiry the connection refreshes it. */
    static final Duration EARLY = Duration.ofMinutes(10);

    /** One pair of tokens; {@code expiresAt} null when unknown (the config's pair). */
    record Pair(String accessToken, String refreshToken, Instant expiresAt) {
        @Override
        public String toString() {
            return "Pair[***, ***, expiresAt=" + expiresAt + "]";
        }
    }

    private final ShopeeConfig config;
    private final KeyValueStore secrets;
    private final Clock clock;
    private final String basis;

    ShopeeTokens(ShopeeConfig config, KeyValueStore secrets, Clock clock) {
        this.config = config;
        this.secrets = secrets;
        this.clock = clock;
        this.basis = ShopeeSigns.hmac("ponte-shopee-token-basis", config.refreshToken());
    }

    /** The pair to use now: the rotated one, or the config's when none was stored for its refresh token. */
    Pair current() {
        JsonNode stored = stored();
        if (stored == null || !basis.equals(stored.path("basis").asText())) {
            return new Pair(config.accessToken(), config.refreshToken(), null);
        }
        return new Pair(stored.path("accessToken").asText(), stored.path("refreshToken").asText(),
                stored.hasNonNull("expiresAt") ? Instant.ofEpochSecond(stored.get("expiresAt").asLong()) : null);
    }

    /** Whether the current access token expires within {@link #EARLY} (false when its expiry is unknown). */
    boolean expiresSoon() {
        Instant expiresAt = current().expiresAt();
        return expiresAt != null && !clock.instant().isBefore(expiresAt.minus(EARLY));
    }

    /** Keeps a rotated pair; {@code expireIn} as Shopee's {@code expire_in} seconds. */
    void rotate(String accessToken, String refreshToken, long expireIn) {
        ObjectNode value = PluginJson.mapper().createObjectNode()
                .put("accessToken", accessToken)
                .put("refreshToken", refreshToken)
                .put("expiresAt", clock.instant().plusSeconds(expireIn).getEpochSecond())
                .put("basis", basis);
        secrets.put(KEY, value.toString());
    }

    private JsonNode stored() {
        String text = secrets.get(KEY).orElse(null);
        if (text == null) {
            return null;
        }
        try {
            JsonNode node = PluginJson.mapper().readTree(text);
            return node != null && node.isObject() ? node : null;
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public String toString() {
        return "ShopeeTokens[shop " + config.shopId() + "]";
    }
}
