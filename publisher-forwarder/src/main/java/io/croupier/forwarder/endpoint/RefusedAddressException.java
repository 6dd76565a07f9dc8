package io.croupier.forwarder.endpoint;

import java.net.UnknownHostException;

/**
 * Every address a postback host resolved to is refused by the {@link SsrfPolicy}. An {@link UnknownHostException} so
 * that it travels through the HTTP client's name resolution unchanged.
 */
class RefusedAddressException extends UnknownHostException {

    RefusedAddressException(String message) {
        super(message);
    }
}
