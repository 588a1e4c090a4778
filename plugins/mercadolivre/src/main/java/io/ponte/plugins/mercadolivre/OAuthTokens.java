package io.ponte.plugins.mercadolivre;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ponte.api.connector.ConnectorContext;
import io.ponte.api.connector.Health;
import io.ponte.kit.ActionFailure;
import io.ponte.kit.PluginJson;
import io.ponte.kit.Provider;
import io.ponte.kit.ProviderResponse;
import io.ponte.kit.RetryAfter;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The seller's OAuth tokens: an access token kept in memory and refreshed shortly before it expires
 * ({@code POST /oauth/token}, {@code grant_type=refresh_token}), and the refresh token, which Mercado Livre rotates
 * on every refresh, kept in the connection's encrypted {@code secrets()} so a restart finds the newest one. The
 * stored token remembers which configured token it descends from: when an admin saves a new {@code refreshToken}
 * (after re-authorizing the app), the configured one wins again.
 *
 * <p>One refresh at a time per connection: callers that find the token expired wait for the refresh under way and
 * use its result. Thread-safe. Tokens never reach a log, a reason or an exception message.
 */
final class OAuthTokens {

    /** The key of the newest refresh token in {@code context.secrets()}. */
    static final String STORED_KEY = "oauth.refreshToken";
    /** What reasons and the health report say when Mercado Livre refuses the refresh token. */
    static final String REAUTHORIZE = "Mercado Livre refused the refresh token (invalid_grant): it expired, was "
            + "revoked or was already used; re-authorize the app and save a new refreshToken";
    /** Refresh this long before the access token expires. */
    private static final Duration MARGIN = Duration.ofMinutes(5);

    private record Access(String token, Instant expiresAt) {
    }

    private final MercadoLivreConfig config;
    private final ConnectorContext context;
    private final Provider provider;
    private final ReentrantLock refreshing = new ReentrantLock();
    private volatile Access access;
    private volatile String refusedRefreshToken;

    OAuthTokens(MercadoLivreConfig config, ConnectorContext context, Provider provider) {
        this.config = config;
        this.context = context;
        this.provider = provider;
    }

    /**
     * A valid access token, refreshed first when it expires within five minutes.
     *
     * @throws ActionFailure retry when the token endpoint did not answer or answered 429/5xx; failed (and the
     *                       connection reported down) when Mercado Livre refused the refresh token or the app
     */
    String accessToken() {
        Access current = access;
        if (fresh(current)) {
            return current.token();
        }
        refreshing.lock();
        try {
            current = access;
            if (fresh(current)) {
                return current.token();
            }
            access = refresh();
            return access.token();
        } finally {
            refreshing.unlock();
        }
    }

    /** Forgets {@code token} after Mercado Livre refused it, unless a newer one replaced it already. */
    void invalidate(String token) {
        Access current = access;
        if (current != null && current.token().equals(token)) {
            access = null;
        }
    }

    private boolean fresh(Access a) {
        return a != null && context.clock().instant().plus(MARGIN).isBefore(a.expiresAt());
    }

    private Access refresh() {
        String refreshToken = currentRefreshToken();
        if (refreshToken.equals(refusedRefreshToken)) {
            throw ActionFailure.failed(REAUTHORIZE);
        }
        HttpRequest request = provider.request(config.uri("/oauth/token"))
                .header("Accept", "application/json")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=refresh_token&client_id="
                        + form(config.clientId()) + "&client_secret=" + form(config.clientSecret())
                        + "&refresh_token=" + form(refreshToken)))
                .build();
        ProviderResponse answer;
        try {
            answer = provider.exchange(request);
        } catch (IOException e) {
            throw ActionFailure.retry("Mercado Livre's token endpoint did not answer (" + e.getClass().getSimpleName()
                    + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ActionFailure.retry("interrupted while refreshing the access token");
        }
        if (answer.successful()) {
            return accepted(answer, refreshToken);
        }
        throw refused(answer, refreshToken);
    }

    private Access accepted(ProviderResponse answer, String usedRefreshToken) {
        JsonNode body = answer.json();
        JsonNode token = body == null ? null : body.get("access_token");
        if (token == null || !token.isTextual() || token.asText().isBlank()) {
            throw ActionFailure.retry("Mercado Livre's token endpoint answered without an access_token");
        }
        JsonNode rotated = body.get("refresh_token");
        if (rotated != null && rotated.isTextual() && !rotated.asText().isBlank()
                && !rotated.asText().equals(usedRefreshToken)) {
            ObjectNode stored = PluginJson.mapper().createObjectNode()
                    .put("basis", fingerprint(config.refreshToken())).put("token", rotated.asText());
            context.secrets().put(STORED_KEY, stored.toString());
        }
        long seconds = body.path("expires_in").asLong(21_600);
        return new Access(token.asText(), context.clock().instant().plusSeconds(Math.max(60, seconds)));
    }

    private ActionFailure refused(ProviderResponse answer, String usedRefreshToken) {
        String said = MercadoLivreErrors.describe(answer);
        String error = errorCode(answer);
        if ("invalid_grant".equals(error)) {
            refusedRefreshToken = usedRefreshToken;
            context.reportHealth(Health.down(REAUTHORIZE));
            return ActionFailure.failed(REAUTHORIZE);
        }
        if ("invalid_client".equals(error) || "unauthorized_client".equals(error) || answer.status() == 401) {
            String reason = "Mercado Livre refused the app's credentials (" + answer.status() + said
                    + "): check clientId and clientSecret in the DevCenter";
            context.reportHealth(Health.down(reason));
            return ActionFailure.failed(reason);
        }
        if (answer.status() == 429 || answer.status() >= 500) {
            Duration after = answer.header("Retry-After")
                    .map(v -> RetryAfter.parse(v, context.clock().instant())).orElse(null);
            String reason = "Mercado Livre's token endpoint answered HTTP " + answer.status() + said;
            return after == null ? ActionFailure.retry(reason) : ActionFailure.retryAfter(after, reason);
        }
        return ActionFailure.failed("Mercado Livre refused the token refresh (HTTP " + answer.status() + said + ")");
    }

    private static String errorCode(ProviderResponse answer) {
        JsonNode body = answer.json();
        return body != null && body.path("error").isTextual() ? body.get("error").asText() : null;
    }

    /** The stored rotated token when it descends from the configured one, else the configured one. */
    private String currentRefreshToken() {
        return context.secrets().get(STORED_KEY).map(OAuthTokens::read)
                .filter(stored -> fingerprint(config.refreshToken()).equals(stored.path("basis").asText()))
                .map(stored -> stored.path("token").asText(""))
                .filter(token -> !token.isBlank())
                .orElse(config.refreshToken());
    }

    private static JsonNode read(String json) {
        try {
            return PluginJson.mapper().readTree(json);
        } catch (IOException e) {
            return PluginJson.mapper().createObjectNode();
        }
    }

    /** A short one-way fingerprint of the configured token, to notice an admin saving a new one. */
    private static String fingerprint(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String form(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
