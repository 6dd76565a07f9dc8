package io.croupier.identity.account;

import java.util.List;

import io.croupier.identity.account.AccountRequests.NewAccount;
import io.croupier.identity.account.AccountRequests.PasswordReset;
import io.croupier.identity.account.AccountRequests.RoleChange;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
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

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    AccountView create(@RequestBody NewAccount request) {
        return accounts.create(request);
    }

    @GetMapping
    List<AccountView> list() {
        return accounts.all();
    }

    @GetMapping("/{id}")
    AccountView get(@PathVariable long id) {
        return accounts.view(id);
    }

    @PutMapping("/{id}/role")
    AccountView changeRole(@PathVariable long id, @RequestBody RoleChange change) {
        return accounts.changeRole(id, change);
    }

    @PostMapping("/{id}/disable")
    AccountView disable(@PathVariable long id) {
        return accounts.setEnabled(id, false);
    }

    @PostMapping("/{id}/enable")
    AccountView enable(@PathVariable long id) {
        return accounts.setEnabled(id, true);
    }

    @PutMapping("/{id}/password")
    AccountView resetPassword(@PathVariable long id, @RequestBody PasswordReset reset) {
        return accounts.resetPassword(id, reset.password());
    }
}
