package io.ponte.plugins.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import io.ponte.api.connector.ConnectorContext;
import io.ponte.api.connector.Health;
import io.ponte.kit.ActionFailure;
import io.ponte.kit.PluginJson;
import io.ponte.kit.Provider;
import io.ponte.kit.ProviderResponse;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The connection's OAuth session: an access token and the org's instance URL, from {@code POST
 * {loginUrl}/services/oauth2/token} by the client-credentials or the JWT bearer grant, kept in
 * {@code context.secrets()} (never {@code state()}) so a restart reuses it. Thread-safe: concurrent refreshes of one
 * expired token fetch one new token.
 */
final class SalesforceSession {

    /** The key of the session in {@code context.secrets()}. */
    static final String SECRET_KEY = "oauth.session";

    /** An access token and where to use it. */
    record Token(String accessToken, URI instanceUrl) {
        @Override
        public String toString() {
            return "Token[***, " + instanceUrl + "]";
        }
    }

    private final SalesforceConfig config;
    private final ConnectorContext context;
    private final Provider provider;
    private volatile Token current;

    SalesforceSession(SalesforceConfig config, ConnectorContext context, Provider provider) {
        this.config = config;
        this.context = context;
        this.provider = provider;
    }

    /** The token to use: the one held, the one kept in the secret store, or a new one. */
    Token token() {
        Token token = current;
        if (token != null) {
            return token;
        }
        synchronized (this) {
            if (current == null) {
                current = context.secrets().get(SECRET_KEY).map(SalesforceSession::read).orElse(null);
            }
            if (current == null) {
                current = fetch();
            }
            return current;
        }
    }

    /** A new token in place of {@code stale}, unless another thread replaced it already. */
    synchronized Token refresh(Token stale) {
        if (current != null && !current.equals(stale)) {
            return current;
        }
        current = fetch();
        return current;
    }

    private Token fetch() {
        Map<String, String> form = new LinkedHashMap<>();
        if (config.jwtBearer()) {
            form.put("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer");
            form.put("assertion", JwtAssertion.sign(config.privateKey(), config.clientId(), config.username(),
                    config.loginUrl().toString(), context.clock().instant()));
        } else {
            form.put("grant_type", "client_credentials");
            form.put("client_id", config.clientId());
            form.put("client_secret", config.clientSecret());
        }
        String body = form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest request = provider.request(URI.create(config.loginUrl() + "/services/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        ProviderResponse answer;
        try {
            answer = provider.exchange(request);
        } catch (IOException e) {
            throw ActionFailure.retry("Salesforce's token endpoint did not answer: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ActionFailure.retry("interrupted while getting a Salesforce access token");
        }
        JsonNode json = answer.json();
        if (answer.status() == 429 || answer.status() >= 500) {
            throw ActionFailure.retry("Salesforce's token endpoint answered HTTP " + answer.status());
        }
        if (!answer.successful() || json == null || !json.path("access_token").isTextual()
                || !json.path("instance_url").isTextual()) {
            String reason = refusal(answer.status(), json);
            context.reportHealth(Health.down(reason));
            throw ActionFailure.failed(reason);
        }
        Token token = new Token(json.get("access_token").textValue(),
                URI.create(json.get("instance_url").textValue().replaceAll("/+$", "")));
        context.secrets().put(SECRET_KEY, PluginJson.mapper().createObjectNode()
                .put("access_token", token.accessToken()).put("instance_url", token.instanceUrl().toString())
                .toString());
        return token;
    }

    private String refusal(int status, JsonNode json) {
        String said = json == null ? "" : " (" + json.path("error").asText("no error code") + ": "
                + json.path("error_description").asText("") + ")";
        String todo = config.jwtBearer()
                ? "check that the connected app holds the certificate of privateKey, that username is "
                        + "pre-authorized for the app (Admin approved users) and that loginUrl is the org's login "
                        + "host (test.salesforce.com for a sandbox)"
                : "check clientId and clientSecret, that the connected app enables the client-credentials flow "
                        + "with a run-as user, and that loginUrl is the org's My Domain URL";
        return "Salesforce refused the connected app's credentials: HTTP " + status + said + "; " + todo;
    }

    /** Reports the connection down: Salesforce refused a freshly issued token too. */
    void refused(String reason) {
        context.reportHealth(Health.down(reason));
    }

    private static Token read(String stored) {
        try {
            JsonNode json = PluginJson.mapper().readTree(stored);
            return new Token(json.get("access_token").textValue(), URI.create(json.get("instance_url").textValue()));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
