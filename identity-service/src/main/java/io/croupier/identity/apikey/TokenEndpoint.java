package io.croupier.identity.apikey;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

import io.croupier.identity.token.IssuedToken;
import io.croupier.identity.token.TokenIssuer;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * OAuth 2.0's client-credentials grant (RFC 6749 section 4.4): an API key's client id and secret, by HTTP Basic or
 * in the form, for a short-lived token. Services then only ever validate JWTs, locally; the secret is checked here
 * once per token, not on every call. Errors are problem details that also carry RFC 6749's {@code error} code, so
 * standard OAuth 2.0 clients (Prometheus' {@code oauth2}, Spring's, requests-oauthlib) understand them.
 */
@Tag(name = "Log in", description = "Tokens for people (POST /login, seed 002) and for machine clients (POST "
        + "/token, OAuth 2.0 client credentials with an API key); the caller's own account.")
@RestController
class TokenEndpoint {

    private final ApiKeys keys;

    private final TokenIssuer tokens;

    TokenEndpoint(ApiKeys keys, TokenIssuer tokens) {
        this.keys = keys;
        this.tokens = tokens;
    }

    @PostMapping(path = "/token", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    ResponseEntity<?> token(@RequestParam(name = "grant_type", required = false) String grantType,
            @RequestParam(name = "client_id", required = false) String clientId,
            @RequestParam(name = "client_secret", required = false) String clientSecret,
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
        if (!"client_credentials".equals(grantType)) {
            return error(HttpStatus.BAD_REQUEST, "unsupported_grant_type",
                    "grant_type must be client_credentials");
        }
        String[] basic = basicCredentials(authorization);
        String id = basic == null ? clientId : basic[0];
        String secret = basic == null ? clientSecret : basic[1];
        return keys.exchange(id, secret)
            .<ResponseEntity<?>>map(grant -> {
                IssuedToken token = tokens.forApiKey(grant.clientId(), grant.role(), grant.publisherId());
                return ResponseEntity.ok()
                    .header(HttpHeaders.CACHE_CONTROL, "no-store")
                    .body(new TokenAnswer(token.value(), "Bearer", token.lifetime().toSeconds(), token.expiresAt()));
            })
            .orElseGet(() -> error(HttpStatus.UNAUTHORIZED, "invalid_client",
                    "Unknown, revoked or expired API key, or a wrong secret."));
    }

    /** The client id and secret of an {@code Authorization: Basic} header, form-urlencoded as RFC 6749 2.3.1 says. */
    private static String[] basicCredentials(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()),
                    StandardCharsets.UTF_8);
        }
        catch (IllegalArgumentException e) {
            return null;
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return null;
        }
        return new String[] { URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8),
                URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8) };
    }

    private static ResponseEntity<ProblemDetail> error(HttpStatus status, String code, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setProperty("error", code);
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(status).header(HttpHeaders.CACHE_CONTROL, "no-store");
        if (status == HttpStatus.UNAUTHORIZED) {
            answer.header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"croupier\"");
        }
        return answer.body(problem);
    }

    /** RFC 6749 section 5.1, plus {@code expires_at} as {@code POST /login} answers it. */
    record TokenAnswer(String accessToken, String tokenType, long expiresIn, Instant expiresAt) {
    }
}
