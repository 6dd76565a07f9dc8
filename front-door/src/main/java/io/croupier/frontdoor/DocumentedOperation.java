package io.croupier.frontdoor;

import java.util.List;

/**
 * One operation as its service documents it: who serves it, at which path of the service, and whether anyone may
 * call it ({@code roles} empty) or which roles may.
 */
record DocumentedOperation(Backend backend, String path, boolean isPublic, List<String> roles) {
}
