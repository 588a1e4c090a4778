package io.ponte.plugins.shopee;

import io.ponte.kit.BaseUrl;
import io.ponte.api.config.ConfigException;
import io.ponte.api.config.ConfigField;
import io.ponte.api.config.ConnectionConfig;
import io.ponte.api.config.FieldType;
import java.net.URI;

/**
 * One shop connection's config, its fields declared once below (the hub checks them against the spec before the
 * connection opens). Immutable; {@link #toString()} masks the partner key and both tokens.
 *
 * @param partnerId    the App's partner id (digits); never null
 * @param partnerKey   the App's partner key, the HMAC key of every sign and of push authenticity; never null
 * @param shopId       the authorized shop's id (digits); never null
 * @param accessToken  the access token Shopee gave at authorization; the connector prefers the rotated one it keeps
 *                     in its secret store once it has one; never null
 * @param refreshToken the refresh token Shopee gave at authorization; same preference; never null
 * @param apiBaseUrl   the Open Platform host, without a trailing slash; never null
 * @param callbackUrl  the push URL exactly as registered with Shopee (it is part of the signed string), or null to
 *                     use the hub's {@code PONTE_PUBLIC_URL} + {@code /hooks/<connection id>}
 */
public record ShopeeConfig(String partnerId, String partnerKey, String shopId, String accessToken,
                           String refreshToken, URI apiBaseUrl, URI callbackUrl) {

    /** The default of {@link #API_BASE_URL}: Shopee's production host near Singapore. */
    public static final String DEFAULT_API_BASE_URL = "https://partner.shopeemobile.com";

    /** The App's partner id. */
    public static final ConfigField PARTNER_ID = ConfigField.required("partnerId", FieldType.STRING,
                    "The App's partner id from the Shopee Open Platform console (App list).")
            .matching("[0-9]{1,20}", "must be the App's numeric partner id");

    /** The App's partner key. */
    public static final ConfigField PARTNER_KEY = ConfigField.required("partnerKey", FieldType.STRING,
                    "The App's partner key from the console: signs every API call and authenticates pushes.")
            .matching("[!-~]{8,256}", "must be the App's partner key as the console shows it (8 to 256 characters, "
                    + "no spaces)")
            .asSecret();

    /** The shop's id. */
    public static final ConfigField SHOP_ID = ConfigField.required("shopId", FieldType.STRING,
                    "The id of the shop that authorized the App (the shop_id of the authorization redirect).")
            .matching("[0-9]{1,20}", "must be the shop's numeric id");

    /** The access token from the authorization. */
    public static final ConfigField ACCESS_TOKEN = ConfigField.required("accessToken", FieldType.STRING,
                    "The access_token from v2.auth.token.get after the seller authorized the App; valid 4 hours, "
                            + "the connection refreshes it and keeps the rotated one.")
            .matching("[A-Za-z0-9._~-]{1,512}", "must be Shopee's access token as given (letters and digits)")
            .asSecret();

    /** The refresh token from the authorization. */
    public static final ConfigField REFRESH_TOKEN = ConfigField.required("refreshToken", FieldType.STRING,
                    "The refresh_token from v2.auth.token.get; valid 30 days and single-use, the connection keeps "
                            + "the rotated one.")
            .matching("[A-Za-z0-9._~-]{1,512}", "must be Shopee's refresh token as given (letters and digits)")
            .asSecret();

    /** The Open Platform host. */
    public static final ConfigField API_BASE_URL = ConfigField.optional("apiBaseUrl", FieldType.URL,
                    "The Open Platform host: https://partner.shopeemobile.com (SG), https://openplatform.shopee.com.br "
                            + "(US), https://openplatform.shopee.cn, or the sandbox "
                            + "https://openplatform.sandbox.test-stable.shopee.sg.")
            .withDefault(DEFAULT_API_BASE_URL);

    /** The push URL as registered with Shopee. */
    public static final ConfigField CALLBACK_URL = ConfigField.optional("callbackUrl", FieldType.URL,
            "The push callback URL exactly as registered in Shopee's console (Shopee signs it with each push); "
                    + "leave empty to use PONTE_PUBLIC_URL + /hooks/<connection id>.");

    /**
     * Drops trailing slashes from the base URL.
     *
     * @throws ConfigException when the base URL has a query
     */
    public ShopeeConfig {
        apiBaseUrl = BaseUrl.of(API_BASE_URL, apiBaseUrl);
    }

    /**
     * Reads a connection's config, checked and defaulted by the hub against the factory's spec.
     *
     * @throws ConfigException when the base URL has a query
     */
    public static ShopeeConfig from(ConnectionConfig config) {
        return new ShopeeConfig(config.string(PARTNER_ID), config.string(PARTNER_KEY), config.string(SHOP_ID),
                config.string(ACCESS_TOKEN), config.string(REFRESH_TOKEN), config.url(API_BASE_URL),
                config.has(CALLBACK_URL) ? config.url(CALLBACK_URL) : null);
    }

    @Override
    public String toString() {
        return "ShopeeConfig[partnerId=" + partnerId + ", partnerKey=***, shopId=" + shopId
                + ", accessToken=***, refreshToken=***, apiBaseUrl=" + apiBaseUrl + ", callbackUrl=" + callbackUrl
                + "]";
    }
}
