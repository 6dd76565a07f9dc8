package io.croupier.postback.inbound;

import java.util.ArrayList;
import java.util.List;

import org.springframework.security.web.util.matcher.IpAddressMatcher;

/** An offer's source allow-list: IPv4 or IPv6 addresses and CIDR ranges, matched by Spring Security's matcher. */
final class AllowedSources {

    private final List<IpAddressMatcher> matchers;

    private AllowedSources(List<IpAddressMatcher> matchers) {
        this.matchers = matchers;
    }

    /** @throws IllegalArgumentException naming the first entry that is neither an address nor a CIDR range */
    static AllowedSources of(List<String> entries) {
        List<IpAddressMatcher> matchers = new ArrayList<>(entries.size());
        for (String entry : entries) {
            matchers.add(matcher(entry));
        }
        return new AllowedSources(matchers);
    }

    boolean admits(String address) {
        return matchers.isEmpty() || address != null && matchers.stream().anyMatch(m -> m.matches(address));
    }

    private static IpAddressMatcher matcher(String entry) {
        String address = entry.contains("/") ? entry.substring(0, entry.indexOf('/')) : entry;
        // Only literal addresses: the matcher would resolve a host name, and DNS is no basis for trust.
        if (!address.matches("[0-9.]+|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*")) {
            throw new IllegalArgumentException(entry + " is not an IP address or CIDR range");
        }
        try {
            return new IpAddressMatcher(entry);
        }
        catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(entry + " is not an IP address or CIDR range");
        }
    }
}
