package io.croupier.identity.login;

import java.time.Clock;
import java.time.Instant;

import io.croupier.identity.IdentitySettings;
import io.croupier.identity.account.Account;
import io.croupier.identity.account.Accounts;
import io.croupier.identity.token.IssuedToken;
import io.croupier.identity.token.TokenIssuer;
import io.croupier.identity.token.TokenIssuer.Session;
import io.croupier.runtime.problems.ErrorAnswer;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Seed 002's {@code POST /login}: a username and password for a token, and its renewal with the token itself
 * before it expires. Renewal re-reads the account, so a disabled account, a changed role or a reset password takes
 * effect at the next renewal; a session ends {@code max-session} after the password was given.
 */
@Tag(name = "Log in")
@RestController
class LoginController {

    private final Accounts accounts;

    private final TokenIssuer tokens;

    private final IdentitySettings settings;

    private final Clock clock = Clock.systemUTC();

    LoginController(Accounts accounts, TokenIssuer tokens, IdentitySettings settings) {
        this.accounts = accounts;
        this.tokens = tokens;
        this.settings = settings;
    }

    @ErrorAnswer(status = 401, when = "The username or password is wrong, or the account is disabled or locked",
            detail = "Wrong username or password.")
    @PostMapping("/login")
    LoginAnswer login(@RequestBody LoginRequest request) {
        Account account = accounts.login(request.username(), request.password())
            .orElseThrow(() -> new ResponseStatusException(HttpStatus.UNAUTHORIZED, "Wrong username or password."));
        return answer(tokens.forLogin(new Session(account.username(), account.lastLoginAt(),
                account.passwordChangedAt()), account.role(), account.publisherId()));
    }

    @PostMapping("/login/renew")
    LoginAnswer renew(@AuthenticationPrincipal Jwt token) {
        if (!settings.issuer().equals(token.getClaimAsString("iss")) || !TokenIssuer.isLoginToken(token)) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, "Only login tokens of this service are "
                    + "renewed; an API key's client asks POST /token again.");
        }
        Session session = TokenIssuer.sessionOf(token);
        Account account = accounts.renewable(session.username(), session.passwordChangedAt())
            .filter(found -> session.authenticatedAt().plus(settings.tokens().maxSession()).isAfter(clock.instant()))
            .orElseThrow(() -> new ResponseStatusException(HttpStatus.UNAUTHORIZED,
                    "This session cannot be renewed any more; log in again."));
        return answer(tokens.forLogin(session, account.role(), account.publisherId()));
    }

    private static LoginAnswer answer(IssuedToken token) {
        return new LoginAnswer(token.value(), token.expiresAt(), "Bearer", token.lifetime().toSeconds());
    }

    record LoginRequest(String username, String password) {
    }

    /** Seed 002's {@code token} and {@code expires_at}, plus the OAuth 2.0 names of the same facts. */
    record LoginAnswer(String token, Instant expiresAt, String tokenType, long expiresIn) {
    }
}
