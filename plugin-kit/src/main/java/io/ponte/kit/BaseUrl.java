package io.ponte.kit;

import io.ponte.api.config.ConfigException;
import io.ponte.api.config.ConfigField;
import java.net.URI;

/**
 * A provider API's base URL from a connection's config, ready for paths to be appended: the hub checked it is an
 * absolute http(s) URL; this refuses what the field type cannot (a query or fragment, which would swallow every
 * call's path, and credentials, which belong in secret fields) and drops trailing slashes.
 */
public final class BaseUrl {

    private BaseUrl() {
    }

    /**
     * @param field the config field, named in the error
     * @param url   the field's value
     * @return the URL without trailing slashes
     * @throws ConfigException naming the field, never quoting the URL (it may hold a secret)
     */
    public static URI of(ConfigField field, URI url) {
        if (url.getRawQuery() != null || url.getRawFragment() != null || url.getRawUserInfo() != null) {
            throw new ConfigException(field.name(), "must be an absolute http(s) URL without query, fragment or "
                    + "credentials: each call's path follows it");
        }
        String text = url.toString();
        int end = text.length();
        while (end > 0 && text.charAt(end - 1) == '/') {
            end--;
        }
        return end == text.length() ? url : URI.create(text.substring(0, end));
    }
}
