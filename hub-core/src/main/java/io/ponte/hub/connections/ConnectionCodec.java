package io.ponte.hub.connections;

import io.ponte.hub.json.HubJson;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ponte.api.config.ConfigError;
import io.ponte.api.config.ConfigField;
import io.ponte.api.config.ConfigSpec;
import io.ponte.hub.errors.ValidationException.FieldError;
import io.ponte.hub.plugins.RegisteredConnector;
import io.ponte.hub.security.SecretBox;
import io.ponte.hub.storage.ConnectionRow;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * A connection's config between the API and the database: validated against the connector's schema, secret
 * fields split out and encrypted (the connection id as associated data), and masked on the way out.
 */
final class ConnectionCodec {

    static final String MASK = "***";

    private final SecretBox secrets;
    private final io.ponte.hub.security.OutboundPolicy outbound;
    private final ObjectMapper json = HubJson.mapper();

    ConnectionCodec(SecretBox secrets, io.ponte.hub.security.OutboundPolicy outbound) {
        this.secrets = secrets;
        this.outbound = outbound;
    }

    /** Validates, fills defaults, and keeps old secret values where the request sends the mask. */
    ObjectNode validateConfig(RegisteredConnector connector, JsonNode config, ConnectionRow old, boolean tenantNetwork,
                              List<FieldError> errors) {
        if (connector == null) {
            return null;
        }
        ConfigSpec spec = connector.descriptor().config();
        ObjectNode merged = config == null || config.isNull() ? json.createObjectNode()
                : config.isObject() ? ((ObjectNode) config).deepCopy() : null;
        if (merged == null) {
            errors.add(new FieldError("config", "must be a JSON object"));
            return null;
        }
        List<String> kept = new ArrayList<>();
        ObjectNode oldSecrets = old == null ? json.createObjectNode() : decryptSecrets(old);
        for (ConfigField f : spec.fields()) {
            JsonNode v = merged.get(f.name());
            if (f.secret() && v != null && v.isTextual() && v.asText().equals(MASK)) {
                JsonNode previous = oldSecrets.get(f.name());
                if (old == null) {
                    // on create there is no stored secret to keep: the mask itself would become the secret
                    errors.add(new FieldError("config." + f.name(), "'" + MASK + "' is the mask the API shows in "
                            + "place of a stored secret; send the secret itself"));
                    merged.remove(f.name());
                } else if (previous == null) {
                    merged.remove(f.name());
                } else {
                    merged.set(f.name(), previous);
                    kept.add(f.name());
                }
            }
        }
        List<ConfigError> invalid = spec.validate(merged);
        for (ConfigError e : invalid) {
            errors.add(new FieldError("config." + e.field(), e.message()));
        }
        ObjectNode full = spec.withDefaults(merged);
        if (invalid.isEmpty()) {
            checkUrls(spec, full, tenantNetwork ? outbound.forTenants() : outbound, errors);
        }
        if (!kept.isEmpty()) {
            requireSecretsOnMove(spec, spec.withDefaults(fullConfig(old)), full, kept, errors);
        }
        return full;
    }

    /**
     * A stored secret never follows a connection to a new address: when a URL field changes, every secret the
     * request kept with the mask must be sent again (else whoever may edit the URL could have the hub carry the
     * token to a host of their choice). Decided from the schema's URL fields, for every connector alike.
     */
    private static void requireSecretsOnMove(ConfigSpec spec, ObjectNode before, ObjectNode after, List<String> kept,
                                             List<FieldError> errors) {
        List<String> moved = spec.fields().stream().filter(f -> f.type() == io.ponte.api.config.FieldType.URL)
                .map(ConfigField::name).filter(n -> !java.util.Objects.equals(before.get(n), after.get(n))).toList();
        if (moved.isEmpty()) {
            return;
        }
        String where = moved.stream().map(n -> "config." + n).collect(java.util.stream.Collectors.joining(", "));
        for (String name : kept) {
            errors.add(new FieldError("config." + name, "must be sent again, not as '" + MASK + "': " + where
                    + " changed, and a stored secret is never carried to a new address"));
        }
    }

    /** Every URL the connection will call must pass the outbound policy (checked again on each request). */
    private static void checkUrls(ConfigSpec spec, ObjectNode config, io.ponte.hub.security.OutboundPolicy outbound,
                                  List<FieldError> errors) {
        for (ConfigField f : spec.fields()) {
            JsonNode v = config.get(f.name());
            if (f.type() == io.ponte.api.config.FieldType.URL && v != null && v.isTextual()) {
                outbound.check(java.net.URI.create(v.asText())).ifPresent(why -> errors.add(new FieldError(
                        "config." + f.name(), "is not allowed: " + why + " (PONTE_OUTBOUND_POLICY, "
                        + "PONTE_OUTBOUND_ALLOW; a tenant-scoped key's connections may only call public addresses)")));
            }
        }
    }

    ConnectionRow toRow(String id, String tenant, String name, RegisteredConnector connector,
                        ObjectNode config, DeliverySettings delivery, boolean enabled, long createdAt,
                        long updatedAt, boolean tenantNetwork, boolean history) {
        ObjectNode plain = config.deepCopy();
        ObjectNode secret = json.createObjectNode();
        for (ConfigField f : connector.descriptor().config().fields()) {
            if (f.secret() && plain.has(f.name())) {
                secret.set(f.name(), plain.remove(f.name()));
            }
        }
        String blob = secret.isEmpty() ? null : secrets.encrypt(write(secret), id);
        return new ConnectionRow(id, tenant, name, connector.type(), write(plain), blob, write(delivery.toJson()),
                enabled, createdAt, updatedAt, tenantNetwork ? ConnectionRow.TENANT : ConnectionRow.OPERATOR, null,
                history);
    }

    ObjectNode decryptSecrets(ConnectionRow row) {
        if (row.secrets() == null) {
            return json.createObjectNode();
        }
        return (ObjectNode) read(secrets.decrypt(row.secrets(), row.id()));
    }

    /** The full config (secrets decrypted), for opening an instance. */
    ObjectNode fullConfig(ConnectionRow row) {
        ObjectNode config = (ObjectNode) read(row.config());
        config.setAll(decryptSecrets(row));
        return config;
    }

    /** The config as the API shows it: secret fields as the mask. */
    ObjectNode maskedConfig(ConnectionRow row) {
        ObjectNode config = (ObjectNode) read(row.config());
        if (row.secrets() != null) {
            for (Iterator<String> it = decryptSecrets(row).fieldNames(); it.hasNext(); ) {
                config.put(it.next(), MASK);
            }
        }
        return config;
    }

    String write(JsonNode node) {
        try {
            return json.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    JsonNode read(String text) {
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("corrupt JSON in the database", e);
        }
    }

}
