package io.croupier.frontdoor;

/** Where one request goes: the service that owns it, and the path to ask that service for. */
record Destination(Backend backend, String path) {
}
