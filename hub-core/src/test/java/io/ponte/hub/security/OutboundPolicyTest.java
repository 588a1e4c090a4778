package io.ponte.hub.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Where connections may call: metadata and link-local never by default; strict mode also keeps them off the LAN. */
class OutboundPolicyTest {

    private static boolean denied(OutboundPolicy p, String url) {
        return p.check(URI.create(url)).isPresent();
    }

    @Test
    void the_default_denies_cloud_metadata_and_link_local_but_lets_self_hosters_reach_their_network() {
        OutboundPolicy p = new OutboundPolicy(io.ponte.hub.config.OutboundMode.DEFAULT, List.of());
        assertThat(denied(p, "http://169.254.169.254/latest/meta-data/")).isTrue();
        assertThat(denied(p, "http://[fe80::1]/")).isTrue();
        assertThat(denied(p, "http://metadata.google.internal/computeMetadata/v1/")).isTrue();
        assertThat(denied(p, "http://100.100.100.200/latest/meta-data/")).isTrue();
        assertThat(p.check(URI.create("http://169.254.169.254/")).orElseThrow()).contains("metadata");
        assertThat(denied(p, "http://127.0.0.1:5678/webhook")).isFalse();
        assertThat(denied(p, "http://10.0.0.7/n8n")).isFalse();
        assertThat(denied(p, "https://8.8.8.8/")).isFalse();
    }

    @Test
    void ipv6_forms_that_carry_an_ipv4_address_are_judged_by_that_address() {
        OutboundPolicy strict = new OutboundPolicy(io.ponte.hub.config.OutboundMode.STRICT, List.of());
        for (String url : List.of("http://[::ffff:127.0.0.1]/", "http://[64:ff9b::7f00:1]/", "http://[64:ff9b::a00:1]/",
                "http://[2002:a00:1::1]/", "http://[::10.0.0.1]/", "http://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/",
                "http://[ff02::1]/", "http://224.0.0.1/")) {
            assertThat(denied(strict, url)).as(url).isTrue();
        }
        assertThat(denied(strict, "http://[64:ff9b::808:808]/")).as("NAT64 of 8.8.8.8").isFalse();
        OutboundPolicy dflt = new OutboundPolicy(io.ponte.hub.config.OutboundMode.DEFAULT, List.of());
        assertThat(denied(dflt, "http://[64:ff9b::a9fe:a9fe]/")).as("NAT64 of the metadata address").isTrue();
        assertThat(denied(dflt, "http://[64:ff9b::7f00:1]/")).as("loopback is the operator's to use").isFalse();
        assertThat(strict.forTenants().check(URI.create("http://127.0.0.1/"))).isPresent();
        assertThat(dflt.forTenants().check(URI.create("http://127.0.0.1/"))).isPresent();
        assertThat(new OutboundPolicy(io.ponte.hub.config.OutboundMode.OFF, List.of("127.0.0.1")).forTenants()
                .check(URI.create("http://127.0.0.1/"))).as("the operator's allowlist holds for tenants").isEmpty();
    }

    @Test
    void strict_mode_also_denies_loopback_and_private_ranges_unless_allowed() {
        OutboundPolicy p = new OutboundPolicy(io.ponte.hub.config.OutboundMode.STRICT, List.of());
        for (String url : List.of("http://127.0.0.1/", "http://[::1]/", "http://10.1.2.3/", "http://172.16.0.1/",
                "http://192.168.1.10/", "http://100.64.0.1/", "http://0.0.0.0/", "http://[fc00::1]/",
                "http://169.254.169.254/")) {
            assertThat(denied(p, url)).as(url).isTrue();
        }
        assertThat(denied(p, "https://8.8.8.8/")).isFalse();
        OutboundPolicy open = new OutboundPolicy(io.ponte.hub.config.OutboundMode.STRICT, List.of("127.0.0.1", "*.lan.example"));
        assertThat(denied(open, "http://127.0.0.1:8080/")).isFalse();
        assertThat(open.check(URI.create("http://10.1.2.3/")).orElseThrow()).contains("strict");
        assertThat(denied(new OutboundPolicy(io.ponte.hub.config.OutboundMode.OFF, List.of()), "http://169.254.169.254/")).isFalse();
    }

    @Test
    void the_hubs_client_refuses_a_denied_request_before_connecting_and_never_follows_redirects() {
        HttpClient client = new GuardedHttpClient(HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .build(), new OutboundPolicy(io.ponte.hub.config.OutboundMode.DEFAULT, List.of()));
        HttpRequest metadata = HttpRequest.newBuilder(URI.create("http://169.254.169.254/latest/meta-data/")).build();
        assertThatThrownBy(() -> client.send(metadata, HttpResponse.BodyHandlers.discarding()))
                .isInstanceOf(IOException.class).hasMessageContaining("denied by the outbound policy");
        assertThat(client.sendAsync(metadata, HttpResponse.BodyHandlers.discarding())).isCompletedExceptionally();
        assertThatThrownBy(() -> new GuardedHttpClient(HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NORMAL).build(), OutboundPolicy.permissive()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
