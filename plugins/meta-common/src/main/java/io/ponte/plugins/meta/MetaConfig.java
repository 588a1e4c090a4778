package io.ponte.plugins.meta;

import io.ponte.api.config.ConfigException;
import io.ponte.api.config.ConfigField;
import io.ponte.api.config.FieldType;
import java.net.URI;

/**
 * The config fields every Meta connection declares alike (its three secrets and the Graph API base URL), and the
 * one check of the base URL a {@link ConfigField} cannot express. Each plugin still declares its own fields once,
 * with its own words for admins. Stateless.
 */
public final class MetaConfig {

    /** The Graph API base URL Meta's docs use; the default of every {@link #apiBaseUrl} field. */
    public static final String DEFAULT_API_BASE_URL = "https://graph.facebook.com/v21.0";
    /** A Graph object id (a phone number id, an Instagram account id): digits only. */
    public static final String GRAPH_ID = "[0-9]{1,32}";

    // Not blank, no control character: the token goes into a header. Possessive, so a long value is read once.
    private static final String TOKEN = " *+[^\\p{Cntrl} ][^\\p{Cntrl}]*+";

    private MetaConfig() {
    }

    /**
     * A required secret (an access token, the app secret, the verify token): never blank, never a control
     * character (the hub already refuses line breaks in every secret).
     *
     * @param name the field name
     * @param doc  where the admin finds it
     */
    public static ConfigField secret(String name, String doc) {
        return ConfigField.required(name, FieldType.STRING, doc).asSecret()
                .matching(TOKEN, "must not be empty or hold control characters");
    }

    /**
     * The Graph API base URL with its version, defaulting to {@link #DEFAULT_API_BASE_URL}.
     *
     * @param name the field name
     * @param doc  which hosts and versions the product uses
     */
    public static ConfigField apiBaseUrl(String name, String doc) {
        return ConfigField.optional(name, FieldType.URL, doc).withDefault(DEFAULT_API_BASE_URL);
    }

    /**
     * What a URL field cannot declare of a base URL: no query, fragment or credentials (each request appends a
     * path, and a token or password in the URL would end up in reasons); trailing slashes dropped.
     *
     * @param field the field, for the error
     * @param url   the absolute http(s) URL the hub validated
     * @return the base URL without a trailing slash
     * @throws ConfigException naming the field (never quoting the URL, which may hold a secret)
     */
    public static URI graphBaseUrl(ConfigField field, URI url) {
        return io.ponte.kit.BaseUrl.of(field, url);
    }
}
