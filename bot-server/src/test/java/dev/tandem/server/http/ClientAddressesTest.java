package dev.tandem.server.http;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClientAddressesTest {

    private final ClientAddresses proxies = ClientAddresses.trusting(List.of("10.0.0.0/8", "192.168.1.7", "fd00::/8"));

    @Test
    void without_trusted_proxies_the_header_is_ignored() {
        var none = ClientAddresses.trusting(List.of());
        assertThat(none.clientOf("10.1.2.3", "203.0.113.9")).isEqualTo("10.1.2.3");
    }

    @Test
    void a_peer_that_is_not_a_trusted_proxy_cannot_choose_its_address() {
        assertThat(proxies.clientOf("198.51.100.4", "203.0.113.9")).isEqualTo("198.51.100.4");
        assertThat(proxies.clientOf("198.51.100.4", null)).isEqualTo("198.51.100.4");
    }

    @Test
    void behind_a_trusted_proxy_the_client_is_the_right_most_untrusted_hop() {
        assertThat(proxies.clientOf("10.0.0.5", "203.0.113.9")).isEqualTo("203.0.113.9");
        // a visitor's own forged entry sits left of what the proxies appended: it is not believed
        assertThat(proxies.clientOf("10.0.0.5", "1.2.3.4, 203.0.113.9, 192.168.1.7")).isEqualTo("203.0.113.9");
        assertThat(proxies.clientOf("fd12::1", "2001:db8::7")).isEqualTo("2001:db8::7");
        assertThat(proxies.clientOf("192.168.1.7", " [2001:db8::8] ")).isEqualTo("[2001:db8::8]");
    }

    @Test
    void a_chain_of_only_proxies_or_garbage_counts_the_proxy() {
        assertThat(proxies.clientOf("10.0.0.5", "10.9.9.9, 192.168.1.7")).isEqualTo("10.0.0.5");
        assertThat(proxies.clientOf("10.0.0.5", "not-an-address")).isEqualTo("10.0.0.5");
        assertThat(proxies.clientOf("10.0.0.5", "")).isEqualTo("10.0.0.5");
    }

    @Test
    void ranges_match_by_prefix() {
        var narrow = ClientAddresses.trusting(List.of("172.16.0.0/12"));
        assertThat(narrow.isTrusted("172.31.255.1")).isTrue();
        assertThat(narrow.isTrusted("172.32.0.1")).isFalse();
        assertThat(narrow.isTrusted("fd00::1")).isFalse();
        assertThat(narrow.isTrusted("example.com")).isFalse();
    }

    @Test
    void a_malformed_entry_is_refused_with_the_key_named() {
        for (String bad : List.of("10.0.0.0/33", "proxy.internal", "10.0.0", "fd00::/129", "1.2.3.4/8/1")) {
            assertThatThrownBy(() -> ClientAddresses.trusting(List.of(bad)))
                    .hasMessageContaining("TANDEM_TRUSTED_PROXIES").hasMessageContaining(bad);
        }
    }
}
