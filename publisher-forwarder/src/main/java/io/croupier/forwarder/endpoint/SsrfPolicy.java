package io.croupier.forwarder.endpoint;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which addresses a postback may be sent to: any public unicast address, and the private, loopback and other special
 * ones only when configuration names them explicitly (by address, CIDR range or host name).
 */
public final class SsrfPolicy {

    /** Checked in order, so the most specific reason is the one reported. */
    private static final Map<String, List<AddressRange>> REFUSED = refused();

    private static final AddressRange NAT64 = AddressRange.parse("64:ff9b::/96");

    private static final AddressRange SIX_TO_FOUR = AddressRange.parse("2002::/16");

    private final List<AddressRange> allowedRanges;

    private final Set<String> allowedHosts;

    private SsrfPolicy(List<AddressRange> allowedRanges, Set<String> allowedHosts) {
        this.allowedRanges = allowedRanges;
        this.allowedHosts = allowedHosts;
    }

    /** @param allowed IP addresses, CIDR ranges and host names that are reachable even though refused by default */
    public static SsrfPolicy allowing(List<String> allowed) {
        List<AddressRange> ranges = new ArrayList<>();
        Set<String> hosts = new TreeSet<>();
        for (String entry : allowed) {
            String trimmed = entry.strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            if (AddressRange.looksLikeAddressLiteral(trimmed.split("/")[0])) {
                ranges.add(AddressRange.parse(trimmed));
            }
            else {
                hosts.add(trimmed.toLowerCase(Locale.ROOT));
            }
        }
        return new SsrfPolicy(List.copyOf(ranges), Set.copyOf(hosts));
    }

    /** @return why a connection to {@code address}, reached through {@code host}, is refused; empty when allowed */
    public Optional<String> refusal(String host, InetAddress address) {
        if (allowedHosts.contains(host.toLowerCase(Locale.ROOT))) {
            return Optional.empty();
        }
        byte[] bytes = address.getAddress();
        if (allowedRanges.stream().anyMatch(range -> range.contains(bytes))) {
            return Optional.empty();
        }
        return refusal(bytes).map(kind -> address.getHostAddress() + " is " + kind);
    }

    private Optional<String> refusal(byte[] bytes) {
        for (Map.Entry<String, List<AddressRange>> kind : REFUSED.entrySet()) {
            if (kind.getValue().stream().anyMatch(range -> range.contains(bytes))) {
                return Optional.of(kind.getKey());
            }
        }
        byte[] embedded = embeddedIpv4(bytes);
        if (embedded != null) {
            if (allowedRanges.stream().anyMatch(range -> range.contains(embedded))) {
                return Optional.empty();
            }
            return refusal(embedded).map(kind -> "an IPv6 address embedding an IPv4 address that is " + kind);
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
}
