package io.croupier.forwarder.endpoint;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Which addresses a postback may be sent to: any public unicast address, and the private, loopback and other special
 * ones only when configuration names them explicitly (by address, CIDR range or host name, each optionally limited to
 * one port, so that a local publisher can be allowed without opening every other port of its host).
 */
public final class SsrfPolicy {

    /** Checked in order, so the most specific reason is the one reported. */
    private static final Map<String, List<AddressRange>> REFUSED = refused();

    private static final AddressRange NAT64 = AddressRange.parse("64:ff9b::/96");

    private static final AddressRange SIX_TO_FOUR = AddressRange.parse("2002::/16");

    /** The port of an allowance that names none: every port. */
    static final int ANY_PORT = -1;

    private final List<Allowance<AddressRange>> allowedRanges;

    private final List<Allowance<String>> allowedHosts;

    private SsrfPolicy(List<Allowance<AddressRange>> allowedRanges, List<Allowance<String>> allowedHosts) {
        this.allowedRanges = allowedRanges;
        this.allowedHosts = allowedHosts;
    }

    /**
     * @param allowed IP addresses, CIDR ranges and host names that are reachable even though refused by default, each
     *        optionally followed by {@code :port} ({@code 127.0.0.1:8090}, {@code [::1]:8090}, {@code demo.internal:80})
     */
    public static SsrfPolicy allowing(List<String> allowed) {
        List<Allowance<AddressRange>> ranges = new ArrayList<>();
        List<Allowance<String>> hosts = new ArrayList<>();
        for (String entry : allowed) {
            String trimmed = entry.strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            Allowance<String> allowance = Allowance.parse(trimmed);
            if (AddressRange.looksLikeAddressLiteral(allowance.target().split("/")[0])) {
                ranges.add(new Allowance<>(AddressRange.parse(allowance.target()), allowance.port()));
            }
            else {
                hosts.add(new Allowance<>(allowance.target().toLowerCase(Locale.ROOT), allowance.port()));
            }
        }
        return new SsrfPolicy(List.copyOf(ranges), List.copyOf(hosts));
    }

    /**
     * @return why a connection to {@code address} on {@code port}, reached through {@code host}, is refused; empty
     *         when allowed. {@link #ANY_PORT} stands for a port not known yet, which only an allowance for every port
     *         admits.
     */
    public Optional<String> refusal(String host, InetAddress address, int port) {
        String name = host.toLowerCase(Locale.ROOT);
        if (allowedHosts.stream().anyMatch(allowance -> allowance.admits(name::equals, port))) {
            return Optional.empty();
        }
        byte[] bytes = address.getAddress();
        if (allowedRanges.stream().anyMatch(allowance -> allowance.admits(range -> range.contains(bytes), port))) {
            return Optional.empty();
        }
        return refusal(bytes, port).map(kind -> address.getHostAddress() + " is " + kind
                + (port == ANY_PORT ? "" : " (port " + port + ")"));
    }

    private Optional<String> refusal(byte[] bytes, int port) {
        for (Map.Entry<String, List<AddressRange>> kind : REFUSED.entrySet()) {
            if (kind.getValue().stream().anyMatch(range -> range.contains(bytes))) {
                return Optional.of(kind.getKey());
            }
        }
        byte[] embedded = embeddedIpv4(bytes);
        if (embedded != null) {
            if (allowedRanges.stream()
                .anyMatch(allowance -> allowance.admits(range -> range.contains(embedded), port))) {
                return Optional.empty();
            }
            return refusal(embedded, port).map(kind -> "an IPv6 address embedding an IPv4 address that is " + kind);
        }
        return Optional.empty();
    }

    /** NAT64 (64:ff9b::/96) and 6to4 (2002::/16) addresses reach the IPv4 address inside them. */
    private static byte[] embeddedIpv4(byte[] bytes) {
        if (bytes.length != 16) {
            return null;
        }
        if (NAT64.contains(bytes)) {
            return Arrays.copyOfRange(bytes, 12, 16);
        }
        if (SIX_TO_FOUR.contains(bytes)) {
            return Arrays.copyOfRange(bytes, 2, 6);
        }
        return null;
    }

    private static Map<String, List<AddressRange>> refused() {
        Map<String, List<AddressRange>> refused = new LinkedHashMap<>();
        refused.put("a cloud metadata address",
                ranges("169.254.169.254/32", "169.254.170.2/32", "100.100.100.200/32", "fd00:ec2::254/128"));
        refused.put("unspecified", ranges("0.0.0.0/8", "::/128"));
        refused.put("loopback", ranges("127.0.0.0/8", "::1/128"));
        refused.put("private", ranges("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "fc00::/7"));
        refused.put("carrier-grade NAT (shared address space)", ranges("100.64.0.0/10"));
        refused.put("link-local", ranges("169.254.0.0/16", "fe80::/10"));
        refused.put("multicast", ranges("224.0.0.0/4", "ff00::/8"));
        refused.put("reserved", ranges("240.0.0.0/4", "192.0.0.0/24", "192.0.2.0/24", "192.88.99.0/24",
                "198.18.0.0/15", "198.51.100.0/24", "203.0.113.0/24", "::/96", "100::/64", "2001::/23",
                "2001:db8::/32", "fec0::/10"));
        return refused;
    }

    private static List<AddressRange> ranges(String... cidrs) {
        return Arrays.stream(cidrs).map(AddressRange::parse).toList();
    }

    /** An allowed address range or host name, on one port or on {@link #ANY_PORT}. */
    private record Allowance<T>(T target, int port) {

        /** {@code target}, {@code target:port}, or {@code [IPv6 target]:port}; a bare IPv6 target names no port. */
        static Allowance<String> parse(String entry) {
            if (entry.startsWith("[")) {
                int close = entry.indexOf(']');
                if (close < 0) {
                    throw new IllegalArgumentException(entry + " has no closing ']'");
                }
                String rest = entry.substring(close + 1);
                return new Allowance<>(entry.substring(1, close), rest.isEmpty() ? ANY_PORT : port(entry, rest));
            }
            int colon = entry.indexOf(':');
            if (colon < 0 || colon != entry.lastIndexOf(':')) {
                return new Allowance<>(entry, ANY_PORT);
            }
            return new Allowance<>(entry.substring(0, colon), port(entry, entry.substring(colon)));
        }

        private static int port(String entry, String colonAndPort) {
            try {
                int port = colonAndPort.startsWith(":") ? Integer.parseInt(colonAndPort.substring(1)) : -1;
                if (port >= 1 && port <= 65535) {
                    return port;
                }
            }
            catch (NumberFormatException e) {
                // Reported below with the whole entry.
            }
            throw new IllegalArgumentException(entry + " does not end in a port number (1-65535)");
        }

        boolean admits(Predicate<T> matches, int requestedPort) {
            return (port == ANY_PORT || port == requestedPort) && matches.test(target);
        }
    }
}
