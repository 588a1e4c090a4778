package io.ponte.plugins.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which media URLs may receive the access token: Meta's https hosts and the configured API origin, nothing else. */
class MediaUrlPolicyTest {

    private final MediaUrlPolicy production = new MediaUrlPolicy(URI.create("https://graph.facebook.com/v21.0"));
    private final MediaUrlPolicy local = new MediaUrlPolicy(URI.create("http://127.0.0.1:8089/v21.0"));

    @ParameterizedTest
    @ValueSource(strings = {
            "https://lookaside.fbsbx.com/whatsapp_business/attachments/?mid=1003383421387256&ext=1&hash=ATs",
            "https://graph.facebook.com/v21.0/1003383421387256/download",
            "https://scontent.xx.fbcdn.net/v/t61/1.jpg",
            "https://mmg.whatsapp.net/v/t62/1.enc",
            "https://LOOKASIDE.FBSBX.COM:443/whatsapp_business/attachments/?mid=1"})
    void lets_the_token_go_to_metas_https_hosts(String url) {
        assertThat(production.refusal(URI.create(url))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "http://lookaside.fbsbx.com/whatsapp_business/attachments/?mid=1",
            "https://lookaside.fbsbx.com:8443/whatsapp_business/attachments/?mid=1",
            "https://lookaside.fbsbx.com.example.net/whatsapp_business/attachments/?mid=1",
            "https://evilfbsbx.com/whatsapp_business/attachments/?mid=1",
            "https://user@lookaside.fbsbx.com/whatsapp_business/attachments/?mid=1",
            "https://cdn.example.com/whatsapp_business/attachments/?mid=1",
            "http://127.0.0.1:8089/whatsapp_business/attachments/?mid=1"})
    void keeps_the_token_from_any_other_url(String url) {
        assertThat(production.refusal(URI.create(url))).hasValueSatisfying(reason -> assertThat(reason)
                .contains("refusing to send the access token").doesNotContain("mid=", "/whatsapp_business"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "http://127.0.0.1:8089/whatsapp_business/attachments/?mid=1",
            "HTTP://127.0.0.1:8089/v21.0/media/1",
            "https://lookaside.fbsbx.com/whatsapp_business/attachments/?mid=1"})
    void lets_the_token_go_to_the_configured_api_origin_and_meta(String url) {
        assertThat(local.refusal(URI.create(url))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "http://127.0.0.1:8090/whatsapp_business/attachments/?mid=1",
            "https://127.0.0.1:8089/whatsapp_business/attachments/?mid=1",
            "http://localhost:8089/whatsapp_business/attachments/?mid=1"})
    void keeps_the_token_from_another_port_scheme_or_name_of_the_api_host(String url) {
        assertThat(local.refusal(URI.create(url))).isPresent();
    }
}
