package io.croupier.forwarder.publisher;

/** How a postback reaches the publisher: macros in a GET URL, or the same URL with a JSON body by POST. */
public enum PostbackMethod {
    GET, POST
}
