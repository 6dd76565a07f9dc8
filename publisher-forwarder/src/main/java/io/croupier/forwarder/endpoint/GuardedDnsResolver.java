package io.croupier.forwarder.endpoint;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;

/**
 * Resolves a postback host for the HTTP client and hands back only the addresses the {@link SsrfPolicy} allows on the
 * port about to be connected to. The connection is opened to exactly those addresses, so the check cannot be dodged
 * by a name that resolves differently a moment later (DNS rebinding).
 */
class GuardedDnsResolver implements DnsResolver {

    private final SsrfPolicy policy;

    GuardedDnsResolver(SsrfPolicy policy) {
        this.policy = policy;
    }

    /** What the connection operator asks: the port is known, so a port-limited allowance can apply. */
    @Override
    public List<InetSocketAddress> resolve(String host, int port) throws UnknownHostException {
        return allowed(host, port).stream().map(address -> new InetSocketAddress(address, port)).toList();
    }

    /** Without a port only allowances for every port apply. */
    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        return allowed(host, SsrfPolicy.ANY_PORT).toArray(InetAddress[]::new);
    }

    private List<InetAddress> allowed(String host, int port) throws UnknownHostException {
        String name = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        List<InetAddress> allowed = new ArrayList<>();
        List<String> refusals = new ArrayList<>();
        for (InetAddress address : InetAddress.getAllByName(name)) {
            policy.refusal(name, address, port).ifPresentOrElse(refusals::add, () -> allowed.add(address));
        }
        if (allowed.isEmpty()) {
            throw new RefusedAddressException("refused " + name + ": " + String.join("; ", refusals));
        }
        return allowed;
    }

    @Override
    public String resolveCanonicalHostname(String host) throws UnknownHostException {
        return SystemDefaultDnsResolver.INSTANCE.resolveCanonicalHostname(host);
    }
}
