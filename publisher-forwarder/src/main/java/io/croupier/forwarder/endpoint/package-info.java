/** A publisher's endpoint as the network sees it: SSRF policy, circuit breaker, rate limit and the HTTP client. */
package io.croupier.forwarder.endpoint;
