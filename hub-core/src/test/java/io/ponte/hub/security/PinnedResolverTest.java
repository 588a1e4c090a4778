package io.ponte.hub.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A host's DNS cannot answer the check one address and the connection another (DNS rebinding). */
class PinnedResolverTest {

    @Test
    void the_connection_after_a_check_goes_to_the_address_the_check_saw() throws Exception {
        AtomicInteger lookups = new AtomicInteger();
        // a rebinding name server: public on the first answer, the cloud's metadata service afterwards
        PinnedResolver.Lookup rebinding = host -> new InetAddress[]{InetAddress.getByAddress(host,
                lookups.getAndIncrement() == 0 ? new byte[]{(byte) 203, 0, 113, 5} : new byte[]{(byte) 169, (byte) 254,
                        (byte) 169, (byte) 254})};

        InetAddress[] checked = PinnedResolver.pin("rebind.ponte-test.invalid", rebinding);
        InetAddress[] again = PinnedResolver.pin("rebind.ponte-test.invalid", rebinding);

        assertThat(checked[0].getHostAddress()).isEqualTo("203.0.113.5");
        assertThat(again[0].getHostAddress()).as("a second check within the pin's life").isEqualTo("203.0.113.5");
        assertThat(lookups).hasValue(1);
        // the JVM resolves through the pin: this is what the HTTP client's connect sees
        assertThat(InetAddress.getByName("rebind.ponte-test.invalid").getHostAddress()).isEqualTo("203.0.113.5");
    }

    @Test
    void a_host_in_steady_use_is_resolved_afresh_when_its_pin_is_renewed() throws Exception {
        // a name server that moved the host (a provider's failover): first 203.0.113.5, then 203.0.113.6
        AtomicInteger lookups = new AtomicInteger();
        java.net.spi.InetAddressResolver builtin = new java.net.spi.InetAddressResolver() {
            @Override
            public java.util.stream.Stream<InetAddress> lookupByName(String host, LookupPolicy policy)
                    throws java.net.UnknownHostException {
                byte last = (byte) (lookups.getAndIncrement() == 0 ? 5 : 6);
                return java.util.stream.Stream.of(InetAddress.getByAddress(host, new byte[]{(byte) 203, 0, 113, last}));
            }

            @Override
            public String lookupByAddress(byte[] addr) throws java.net.UnknownHostException {
                // this name server holds forward records only, as the resolver contract answers a missing name
                throw new java.net.UnknownHostException("no reverse record in the test's name server");
            }
        };
        java.net.spi.InetAddressResolver resolver = PinnedResolver.over(builtin);
        PinnedResolver.Lookup throughTheResolver = host -> resolver.lookupByName(host,
                java.net.spi.InetAddressResolver.LookupPolicy.of(java.net.spi.InetAddressResolver.LookupPolicy.IPV4))
                .toArray(InetAddress[]::new);
        String host = "moved.ponte-test.invalid";
        long now = System.currentTimeMillis();
        try {
            assertThat(PinnedResolver.pin(host, throughTheResolver, now)[0].getHostAddress()).isEqualTo("203.0.113.5");
            // the pin is due for renewal but still in its grace for connects: the renewal asks DNS, not the old pin
            InetAddress[] renewed = PinnedResolver.pin(host, throughTheResolver, now + PinnedResolver.REUSE_MS + 1);

            assertThat(renewed[0].getHostAddress()).isEqualTo("203.0.113.6");
            assertThat(lookups).hasValue(2);
            // and a connect now finds the renewed pin
            assertThat(throughTheResolver.resolve(host)[0].getHostAddress()).isEqualTo("203.0.113.6");
            assertThat(lookups).hasValue(2);
        } finally {
            PinnedResolver.unpin(host);
        }
    }

    @Test
    void a_host_nobody_checked_resolves_as_always() throws Exception {
        assertThat(InetAddress.getByName("localhost").isLoopbackAddress()).isTrue();
    }
}
