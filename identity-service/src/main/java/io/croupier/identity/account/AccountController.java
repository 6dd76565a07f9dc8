package io.croupier.identity.account;

import io.croupier.identity.account.AccountRequests.NewAccount;
import io.croupier.identity.account.AccountRequests.PasswordReset;
import io.croupier.identity.account.AccountRequests.RoleChange;
import io.croupier.runtime.paging.BadPageRequest;
import io.croupier.runtime.paging.CursorPage;
import io.croupier.runtime.paging.PageRequest;
import io.croupier.runtime.problems.ErrorAnswer;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Account management, for ADMIN. Accounts are never deleted, only disabled: the audit trail names them. */
@Tag(name = "Accounts", description = "People's accounts and their roles: created, re-roled, disabled and "
        + "re-enabled (never deleted), passwords reset.")
@RestController
@RequestMapping("/admin/accounts")
class AccountController {

    private final Accounts accounts;

    AccountController(Accounts accounts) {
        this.accounts = accounts;
    }

    @ErrorAnswer(status = 400, when = "The username, password, role or publisher is not valid",
            detail = "password: at least 12 characters")
    @ErrorAnswer(status = 409, when = "The username is already taken", detail = "username ana is already taken")
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    AccountView create(@RequestBody NewAccount request) {
        return accounts.create(request);
    }

    /**
     * Newest first.
     *
     * @param cursor the {@code next_cursor} of the previous page: the accounts created before it
     */
    @BadPageRequest
    @GetMapping
    CursorPage<AccountView> list(@RequestParam(required = false) String cursor,
            @RequestParam(defaultValue = PageRequest.DEFAULT_LIMIT) int limit) {
        return accounts.page(new PageRequest(cursor, limit));
    }

    @ErrorAnswer(status = 404, when = "No account has this id", detail = "no account 42")
    @GetMapping("/{id}")
    AccountView get(@PathVariable long id) {
        return accounts.view(id);
    }

    @ErrorAnswer(status = 400, when = "The role or publisher is not valid",
            detail = "publisher_id: required for a PUBLISHER")
    @ErrorAnswer(status = 404, when = "No account has this id", detail = "no account 42")
    @ErrorAnswer(status = 409, when = "It would leave no enabled ADMIN",
            detail = "account admin is the last enabled ADMIN")
    @PutMapping("/{id}/role")
    AccountView changeRole(@PathVariable long id, @RequestBody RoleChange change) {
        return accounts.changeRole(id, change);
    }

    @ErrorAnswer(status = 404, when = "No account has this id", detail = "no account 42")
    @ErrorAnswer(status = 409, when = "It would leave no enabled ADMIN",
            detail = "account admin is the last enabled ADMIN")
    @PostMapping("/{id}/disable")
    AccountView disable(@PathVariable long id) {
        return accounts.setEnabled(id, false);
    }

    @ErrorAnswer(status = 404, when = "No account has this id", detail = "no account 42")
    @PostMapping("/{id}/enable")
    AccountView enable(@PathVariable long id) {
        return accounts.setEnabled(id, true);
    }

    @ErrorAnswer(status = 400, when = "The password is not valid", detail = "password: at least 12 characters")
    @ErrorAnswer(status = 404, when = "No account has this id", detail = "no account 42")
    @PutMapping("/{id}/password")
    AccountView resetPassword(@PathVariable long id, @RequestBody PasswordReset reset) {
        return accounts.resetPassword(id, reset.password());
    }
}
