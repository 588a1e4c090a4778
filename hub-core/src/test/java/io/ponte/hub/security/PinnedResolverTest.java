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
    void a_host_nobody_checked_resolves_as_always() throws Exception {
        assertThat(InetAddress.getByName("localhost").isLoopbackAddress()).isTrue();
    }
}
