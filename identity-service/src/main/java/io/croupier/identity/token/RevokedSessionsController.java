package io.croupier.identity.token;

import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The list every service reads to refuse the tokens of revoked sessions before they expire. */
@Tag(name = "Token signing keys")
@RestController
class RevokedSessionsController {

    private final SessionRevocations revocations;

    RevokedSessionsController(SessionRevocations revocations) {
        this.revocations = revocations;
    }

    @Operation(summary = "The sessions revoked while their tokens could still be unexpired",
            description = "Each subject (a username or an API key's client id) as the SHA-256 of its UTF-8 bytes, in "
                    + "lower-case hex, with the moment before which its tokens are refused. Every service reads it "
                    + "every `croupier.access.revoked-sessions-refresh` (30 s).")
    @GetMapping(path = "/.well-known/revoked-sessions.json", produces = "application/json")
    ResponseEntity<Map<String, List<Map<String, String>>>> revokedSessions() {
        List<Map<String, String>> sessions = revocations.read().entrySet().stream()
            .map(session -> Map.of("subject_sha256", session.getKey(), "issued_before",
                    session.getValue().toString()))
            .toList();
        return ResponseEntity.ok().cacheControl(CacheControl.noCache()).body(Map.of("revoked_sessions", sessions));
    }
}
