package io.ponte.hub.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ponte.hub.security.TrustedProxies;
import io.ponte.hub.testing.TestHub;
import java.net.http.HttpRequest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Per-address limits count the client behind a trusted proxy, and nobody else can choose the address counted. */
class TrustedProxiesTest {

    private static TestHub.Response refused(TestHub hub, String forwardedFor) {
        HttpRequest.Builder b = HttpRequest.newBuilder(hub.uri("/api/v1/connections"))
                .header("Authorization", "Bearer not-a-key-of-this-hub").GET();
        if (forwardedFor != null) {
            b.header("X-Forwarded-For", forwardedFor);
        }
        return hub.send(b);
    }

    @Test
    void behind_a_trusted_proxy_each_client_has_its_own_budget_of_refused_tokens() {
        try (TestHub hub = TestHub.builder().env("PONTE_TRUSTED_PROXIES", "127.0.0.1, ::1").start()) {
            FailedAuth.untilSlowed(() -> refused(hub, "203.0.113.7"));
            assertThat(refused(hub, "198.51.100.20").status()).as("another client behind the same proxy is not")
                    .isEqualTo(401);
            assertThat(FailedAuth.stillSlowed(() -> refused(hub, "203.0.113.7, 127.0.0.1")))
                    .as("a proxy chain ends at the client").isTrue();
        }
    }

    @Test
    void without_trusted_proxies_a_forged_forwarded_for_header_changes_nothing() {
        try (TestHub hub = TestHub.builder().start()) {
            java.util.concurrent.atomic.AtomicInteger i = new java.util.concurrent.atomic.AtomicInteger();
            FailedAuth.untilSlowed(() -> refused(hub, "203.0.113." + i.getAndIncrement()));
            assertThat(FailedAuth.stillSlowed(() -> refused(hub, "198.51.100.99")))
                    .as("the connection's own address is counted").isTrue();
        }
    }

    @Test
    void reads_addresses_and_ranges_and_refuses_anything_else() {
        TrustedProxies proxies = TrustedProxies.of(List.of("10.0.0.0/8", "fd00::/8", "192.0.2.1"));
        assertThat(proxies.client("10.1.2.3", "203.0.113.7")).isEqualTo("203.0.113.7");
        assertThat(proxies.client("10.1.2.3", "203.0.113.7, 10.9.9.9")).isEqualTo("203.0.113.7");
        assertThat(proxies.client("fd00::5", "2001:db8::1")).isEqualTo("2001:db8::1");
        assertThat(proxies.client("198.51.100.1", "203.0.113.7")).as("not from a proxy").isEqualTo("198.51.100.1");
        assertThat(proxies.client("10.1.2.3", "evil.example")).as("not an address").isEqualTo("10.1.2.3");
        assertThat(proxies.client("192.0.2.1", null)).isEqualTo("192.0.2.1");
        assertThat(TrustedProxies.none().client("10.1.2.3", "203.0.113.7")).isEqualTo("10.1.2.3");
        assertThatThrownBy(() -> TrustedProxies.of(List.of("proxy.lan"))).hasMessageContaining("'proxy.lan'");
        assertThatThrownBy(() -> TrustedProxies.of(List.of("10.0.0.0/33"))).hasMessageContaining("prefix length");
    }
}
