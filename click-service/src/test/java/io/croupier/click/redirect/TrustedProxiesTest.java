package io.croupier.click.redirect;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class TrustedProxiesTest {

    private final TrustedProxies proxies = TrustedProxies.of(List.of("10.0.0.0/8", "192.168.1.7", "fd00::/8"));

    @Test
    void forwardedForIsIgnoredWhenThePeerIsNotATrustedProxy() {
        assertThat(proxies.clientAddress("203.0.113.9", "198.51.100.1")).isEqualTo("203.0.113.9");
    }

    @Test
    void theFirstUntrustedHopFromTheRightIsTheVisitor() {
        assertThat(proxies.clientAddress("10.1.2.3", "198.51.100.1")).isEqualTo("198.51.100.1");
        assertThat(proxies.clientAddress("10.1.2.3", "1.1.1.1, 198.51.100.1, 192.168.1.7")).isEqualTo(
                "198.51.100.1");
        assertThat(proxies.clientAddress("fd12::1", "2001:db8::5")).isEqualTo("2001:db8::5");
    }

    @Test
    void aForgedLeftmostAddressDoesNotMoveTheVisitor() {
        assertThat(proxies.clientAddress("10.0.0.1", "6.6.6.6, 198.51.100.1")).isEqualTo("198.51.100.1");
    }

    @Test
    void aHopThatIsNotAnAddressStopsTheWalk() {
        assertThat(proxies.clientAddress("10.0.0.1", "evil.example, 10.0.0.2")).isEqualTo("10.0.0.2");
        assertThat(proxies.clientAddress("10.0.0.1", "unknown")).isEqualTo("10.0.0.1");
    }

    @Test
    void whenEveryHopIsTrustedTheLeftmostIsTheVisitor() {
        assertThat(proxies.clientAddress("10.0.0.1", "10.9.9.9, 10.0.0.2")).isEqualTo("10.9.9.9");
    }

    @Test
    void withoutTrustedProxiesTheHeaderIsNeverRead() {
        assertThat(TrustedProxies.of(List.of()).clientAddress("10.0.0.1", "198.51.100.1")).isEqualTo("10.0.0.1");
    }

    @Test
    void prefixesMatchBitByBit() {
        TrustedProxies narrow = TrustedProxies.of(List.of("172.16.0.0/12"));

        assertThat(narrow.clientAddress("172.31.255.255", "198.51.100.1")).isEqualTo("198.51.100.1");
        assertThat(narrow.clientAddress("172.32.0.0", "198.51.100.1")).isEqualTo("172.32.0.0");
    }

    @Test
    void aMalformedProxySettingIsRejected() {
        assertThatIllegalArgumentException().isThrownBy(() -> TrustedProxies.of(List.of("proxy.internal")));
        assertThatIllegalArgumentException().isThrownBy(() -> TrustedProxies.of(List.of("10.0.0.0/33")));
    }
}
