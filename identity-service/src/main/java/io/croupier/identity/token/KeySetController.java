package io.croupier.identity.token;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.croupier.identity.IdentitySettings;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * What a resource server needs to validate this issuer's tokens on its own: the published public keys and the
 * OpenID discovery document that points at them.
 */
@Tag(name = "Token signing keys")
@RestController
class KeySetController {

    static final String JWKS_PATH = "/.well-known/jwks.json";

    private final SigningKeys keys;

    private final String issuer;

    KeySetController(SigningKeys keys, IdentitySettings settings) {
        this.keys = keys;
        this.issuer = settings.issuer().replaceAll("/+$", "");
    }

    /** Read from the database on every call, so that no instance ever answers without a key another just made. */
    @GetMapping(path = JWKS_PATH, produces = "application/json")
    ResponseEntity<Map<String, Object>> keySet() {
        return ResponseEntity.ok().cacheControl(CacheControl.noCache()).body(keys.published().toJSONObject(true));
    }

    @GetMapping(path = "/.well-known/openid-configuration", produces = "application/json")
    Map<String, Object> discovery() {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("issuer", issuer);
        document.put("jwks_uri", issuer + JWKS_PATH);
        document.put("token_endpoint", issuer + "/token");
        document.put("grant_types_supported", List.of("client_credentials"));
        document.put("token_endpoint_auth_methods_supported", List.of("client_secret_basic", "client_secret_post"));
        document.put("response_types_supported", List.of("token"));
        document.put("subject_types_supported", List.of("public"));
        document.put("id_token_signing_alg_values_supported", List.of("RS256"));
        document.put("claims_supported", List.of("iss", "aud", "sub", "exp", "iat", "nbf", "jti",
                "preferred_username", "auth_time", TokenIssuer.ROLES, TokenIssuer.PUBLISHER_ID,
                TokenIssuer.CLIENT_ID));
        return document;
    }
}
