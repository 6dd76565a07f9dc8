package io.croupier.identity.account;

import io.croupier.access.Caller;
import io.croupier.identity.account.AccountRequests.PasswordChange;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** The caller's own account: who the token says it is, and changing its own password. */
@RestController
class MeController {

    private final Accounts accounts;

    MeController(Accounts accounts) {
        this.accounts = accounts;
    }

    @GetMapping("/me")
    AccountView me(Caller caller) {
        return accounts.byUsername(caller.subject()).map(AccountView::of).orElseThrow(MeController::notAnAccount);
    }

    @PutMapping("/me/password")
    AccountView changePassword(Caller caller, @RequestBody PasswordChange change) {
        accounts.byUsername(caller.subject()).orElseThrow(MeController::notAnAccount);
        return accounts.changeOwnPassword(caller.subject(), change.currentPassword(), change.newPassword());
    }

    /** An API key's token, or one from an external provider, names no account of this service. */
    private static ResponseStatusException notAnAccount() {
        return new ResponseStatusException(HttpStatus.NOT_FOUND, "the token names no account of identity-service");
    }
}
