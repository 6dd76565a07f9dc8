package io.croupier.identity.account;

import io.croupier.identity.IdentitySettings;
import io.croupier.identity.account.AccountRequests.PasswordChange;
import io.croupier.identity.token.TokenIssuer;
import io.croupier.runtime.problems.ErrorAnswer;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The caller's own account: who its login token says it is, and changing its own password. An API key's token, or
 * one from an external provider, names no account here, even if its subject happened to equal a username.
 */
@Tag(name = "Log in")
@RestController
class MeController {

    private final Accounts accounts;

    private final String issuer;

    MeController(Accounts accounts, IdentitySettings settings) {
        this.accounts = accounts;
        this.issuer = settings.issuer();
    }

    @ErrorAnswer(status = 404, when = "The token is not a login token of an account of this service",
            detail = "the token names no account of identity-service")
    @GetMapping("/me")
    AccountView me(@AuthenticationPrincipal Jwt token) {
        return accounts.byUsername(username(token)).map(AccountView::of).orElseThrow(MeController::notAnAccount);
    }

    @ErrorAnswer(status = 400, when = "The new password is not valid", detail = "password: at least 12 characters")
    @ErrorAnswer(status = 404, when = "The token is not a login token of an account of this service",
            detail = "the token names no account of identity-service")
    @PutMapping("/me/password")
    AccountView changePassword(@AuthenticationPrincipal Jwt token, @RequestBody PasswordChange change) {
        String username = username(token);
        accounts.byUsername(username).orElseThrow(MeController::notAnAccount);
        return accounts.changeOwnPassword(username, change.currentPassword(), change.newPassword());
    }

    private String username(Jwt token) {
        if (!issuer.equals(token.getClaimAsString("iss")) || !TokenIssuer.isLoginToken(token)) {
            throw notAnAccount();
        }
        return token.getSubject();
    }

    private static ResponseStatusException notAnAccount() {
        return new ResponseStatusException(HttpStatus.NOT_FOUND, "the token names no account of identity-service");
    }
}
