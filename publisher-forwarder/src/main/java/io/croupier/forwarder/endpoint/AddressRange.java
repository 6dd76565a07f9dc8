package io.croupier.forwarder.endpoint;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** An IPv4 or IPv6 CIDR range; a single address is a range of one. */
record AddressRange(byte[] network, int prefixLength) {

    /** @throws IllegalArgumentException unless {@code text} is an IP address literal, optionally with {@code /prefix} */
    static AddressRange parse(String text) {
        int slash = text.indexOf('/');
        String address = slash < 0 ? text : text.substring(0, slash);
        if (!looksLikeAddressLiteral(address)) {
            throw new IllegalArgumentException(text + " is not an IP address or CIDR range");
        }
        byte[] bytes;
        try {
            // A literal is parsed without any lookup.
            bytes = InetAddress.getByName(address).getAddress();
        }
        catch (UnknownHostException e) {
            throw new IllegalArgumentException(text + " is not an IP address or CIDR range", e);
        }
        int prefix = slash < 0 ? bytes.length * 8 : Integer.parseInt(text.substring(slash + 1));
        if (prefix < 0 || prefix > bytes.length * 8) {
            throw new IllegalArgumentException(text + " has an impossible prefix length");
        }
        return new AddressRange(bytes, prefix);
    }

    static boolean looksLikeAddressLiteral(String text) {
        return text.contains(":") || text.matches("[0-9.]+");
    }

    boolean contains(byte[] address) {
        if (address.length != network.length) {
            return false;
        }
        int fullBytes = prefixLength / 8;
        for (int i = 0; i < fullBytes; i++) {
            if (address[i] != network[i]) {
                return false;
            }
        }
        int remainingBits = prefixLength % 8;
        if (remainingBits == 0) {
            return true;
        }
        int mask = (0xFF << (8 - remainingBits)) & 0xFF;
        return (address[fullBytes] & mask) == (network[fullBytes] & mask);
    }
}
