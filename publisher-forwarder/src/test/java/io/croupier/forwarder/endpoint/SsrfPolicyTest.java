package io.croupier.forwarder.endpoint;

import java.net.InetAddress;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SsrfPolicyTest {

    private final SsrfPolicy strict = SsrfPolicy.allowing(List.of());

    @ParameterizedTest
    @CsvSource({
            "127.0.0.1, loopback", "127.9.9.9, loopback", "::1, loopback",
            "10.1.2.3, private", "172.16.0.1, private", "172.31.255.255, private", "192.168.1.1, private",
            "fd12:3456::1, private",
            "100.64.0.1, carrier-grade NAT", "100.127.255.254, carrier-grade NAT",
            "169.254.10.10, link-local", "fe80::1, link-local",
            "169.254.169.254, cloud metadata", "fd00:ec2::254, cloud metadata", "100.100.100.200, cloud metadata",
            "224.0.0.1, multicast", "239.255.255.250, multicast", "ff02::1, multicast",
            "0.0.0.0, unspecified", "::, unspecified",
            "240.0.0.1, reserved", "255.255.255.255, reserved", "192.0.2.10, reserved", "198.18.0.1, reserved",
            "2001:db8::1, reserved",
            "::ffff:10.0.0.1, private", "64:ff9b::a9fe:a9fe, cloud metadata", "2002:7f00:0001::1, loopback" })
    void loopbackPrivateLinkLocalCgnatMulticastReservedAndMetadataAddressesAreRefused(String address, String kind)
            throws Exception {
        assertThat(strict.refusal("example.com", InetAddress.getByName(address), 443)).hasValueSatisfying(
                reason -> assertThat(reason).contains(kind));
    }

    @ParameterizedTest
    @ValueSource(strings = { "93.184.215.14", "8.8.8.8", "100.63.255.255", "172.32.0.1", "2606:4700:4700::1111" })
    void publicAddressesAreAllowed(String address) throws Exception {
        assertThat(strict.refusal("example.com", InetAddress.getByName(address), 443)).isEmpty();
    }

    @Test
    void anAddressOrRangeOrHostNamedInTheAllowListIsReachable() throws Exception {
        SsrfPolicy policy = SsrfPolicy.allowing(List.of("127.0.0.1/32", "10.20.0.0/16", "Demo-Publisher.internal"));

        assertThat(policy.refusal("localhost", InetAddress.getByName("127.0.0.1"), 8081)).isEmpty();
        assertThat(policy.refusal("x", InetAddress.getByName("10.20.30.40"), 80)).isEmpty();
        assertThat(policy.refusal("demo-publisher.internal", InetAddress.getByName("192.168.7.7"), 80)).isEmpty();
        assertThat(policy.refusal("x", InetAddress.getByName("10.21.0.1"), 80)).isPresent();
        assertThat(policy.refusal("x", InetAddress.getByName("127.0.0.2"), 80)).isPresent();
        assertThat(policy.refusal("x", InetAddress.getByName("169.254.169.254"), 80)).isPresent();
    }

    @Test
    void anAllowanceWithAPortAdmitsThatPortOnly() throws Exception {
        SsrfPolicy policy = SsrfPolicy.allowing(List.of("127.0.0.1:8090", "[::1]:8090", "[fd00::/8]:443",
                "demo.internal:8443"));

        assertThat(policy.refusal("x", InetAddress.getByName("127.0.0.1"), 8090)).isEmpty();
        assertThat(policy.refusal("x", InetAddress.getByName("::1"), 8090)).isEmpty();
        assertThat(policy.refusal("x", InetAddress.getByName("fd12::1"), 443)).isEmpty();
        assertThat(policy.refusal("demo.internal", InetAddress.getByName("10.0.0.9"), 8443)).isEmpty();
        assertThat(policy.refusal("x", InetAddress.getByName("127.0.0.1"), 8081)).hasValueSatisfying(
                reason -> assertThat(reason).isEqualTo("127.0.0.1 is loopback (port 8081)"));
        assertThat(policy.refusal("x", InetAddress.getByName("::1"), 8086)).isPresent();
        assertThat(policy.refusal("x", InetAddress.getByName("fd12::1"), 80)).isPresent();
        assertThat(policy.refusal("demo.internal", InetAddress.getByName("10.0.0.9"), 8080)).isPresent();
        assertThat(policy.refusal("x", InetAddress.getByName("127.0.0.1"), SsrfPolicy.ANY_PORT))
            .as("an unknown port is not the allowed one").isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = { "127.0.0.1:", "127.0.0.1:http", "127.0.0.1:0", "127.0.0.1:70000", "[::1", "[::1]8090" })
    void anAllowanceWithAnImpossiblePortIsRefusedAtStart(String entry) {
        assertThatThrownBy(() -> SsrfPolicy.allowing(List.of(entry))).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining(entry);
    }
}
