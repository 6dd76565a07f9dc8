package io.croupier.identity.account;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;

import io.croupier.access.Role;
import io.croupier.identity.IdentitySettings;
import io.croupier.identity.account.AccountRequests.NewAccount;
import io.croupier.identity.account.AccountRequests.RoleChange;
import io.croupier.identity.token.SessionRevocations;
import io.croupier.runtime.audit.AuditTrail;
import io.croupier.runtime.paging.Cursor;
import io.croupier.runtime.paging.CursorPage;
import io.croupier.runtime.paging.PageRequest;
import org.springframework.http.HttpStatus;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.server.ResponseStatusException;

/**
 * Accounts and their passwords. A wrong password, an unknown username, a disabled or a locked account all fail a
 * login the same way and take the same time (a hash is always checked), so a login reveals nothing about accounts.
 */
@Service
public class Accounts {

    static final String AUDITED_TYPE = "account";

    private final AccountRepository repository;

    private final PasswordEncoder passwords;

    private final AuditTrail audit;

    private final SessionRevocations revocations;

    private final IdentitySettings.Logins logins;

    private final Clock clock = Clock.systemUTC();

    /** Checked against when there is no real hash to check, so that a failing login costs what a real one does. */
    private final String decoyHash;

    Accounts(AccountRepository repository, PasswordEncoder passwords, AuditTrail audit, IdentitySettings settings,
            SessionRevocations revocations) {
        this.repository = repository;
        this.passwords = passwords;
        this.audit = audit;
        this.revocations = revocations;
        this.logins = settings.logins();
        this.decoyHash = passwords.encode(UUID.randomUUID().toString());
    }

    /** The account, when the password is right and the account may log in now; a failure is counted. */
    @Transactional
    public Optional<Account> login(String username, String password) {
        Instant now = clock.instant();
        Optional<Account> found = username == null ? Optional.empty() : repository.findByUsernameForUpdate(username);
        if (found.isEmpty() || password == null) {
            passwords.matches(String.valueOf(password), decoyHash);
            return Optional.empty();
        }
        Account account = found.get();
        if (account.lockedUntil() != null && now.isBefore(account.lockedUntil())) {
            passwords.matches(password, decoyHash);
            return Optional.empty();
        }
        if (!passwords.matches(password, account.passwordHash())) {
            repository.update(failedLogin(account, now));
            return Optional.empty();
        }
        if (!account.enabled()) {
            return Optional.empty();
        }
        String hash = passwords.upgradeEncoding(account.passwordHash()) ? passwords.encode(password)
                : account.passwordHash();
        Account loggedIn = new Account(account.id(), account.username(), hash, account.role(), account.publisherId(),
                true, 0, null, account.createdAt(), account.updatedAt(), account.passwordChangedAt(), now);
        repository.update(loggedIn);
        return Optional.of(loggedIn);
    }

    /**
     * The account a login token of {@code username} may be renewed for: it still exists and is enabled, and its
     * password is still the one the login proved, set at {@code passwordChangedAt}.
     */
    @Transactional(readOnly = true)
    public Optional<Account> renewable(String username, Instant passwordChangedAt) {
        return repository.findByUsername(username)
            .filter(Account::enabled)
            .filter(account -> account.passwordChangedAt().toEpochMilli() == passwordChangedAt.toEpochMilli());
    }

    @Transactional(readOnly = true)
    public Optional<Account> byUsername(String username) {
        return repository.findByUsername(username);
    }

    @Transactional
    AccountView create(NewAccount request) {
        String username = Credentials.username(request.username());
        String publisherId = Credentials.publisherOf(request.role(), request.publisherId());
        String hash = passwords.encode(Credentials.password(request.password(), username));
        Account account = repository.insert(username, hash, request.role(), publisherId, clock.instant())
            .orElseThrow(() -> new ResponseStatusException(HttpStatus.CONFLICT, "username " + username
                    + " is already taken"));
        AccountView view = AccountView.of(account);
        audit.record("create", AUDITED_TYPE, Long.toString(account.id()), null, view);
        return view;
    }

    @Transactional(readOnly = true)
    boolean anyAccount() {
        return repository.exists();
    }

    /** Creates the first administrator unless any account exists; true when it did. */
    @Transactional
    public boolean createFirstAdministrator(String username, String password) {
        if (repository.exists()) {
            return false;
        }
        String name = Credentials.username(username);
        Optional<Account> created = repository.insert(name, passwords.encode(Credentials.password(password, name)),
                Role.ADMIN, null, clock.instant());
        created.ifPresent(account -> audit.record("create", AUDITED_TYPE, Long.toString(account.id()), null,
                AccountView.of(account)));
        return created.isPresent();
    }

    @Transactional(readOnly = true)
    CursorPage<AccountView> page(PageRequest request) {
        Cursor after = request.after();
        return request.page(repository.newestBefore(after == null ? null : after.numericId(), request.fetchSize())
            .stream()
            .map(AccountView::of)
            .toList(), account -> Cursor.of(account.id()));
    }

    @Transactional(readOnly = true)
    AccountView view(long id) {
        return repository.find(id).map(AccountView::of).orElseThrow(() -> notFound(id));
    }

    @Transactional
    AccountView changeRole(long id, RoleChange change) {
        String publisherId = Credentials.publisherOf(change.role(), change.publisherId());
        return endingSessions(change(id, "change-role", account -> {
            if (change.role() != Role.ADMIN) {
                keepAnAdministrator(account);
            }
            return new Account(account.id(), account.username(), account.passwordHash(), change.role(), publisherId,
                    account.enabled(), account.failedLogins(), account.lockedUntil(), account.createdAt(),
                    clock.instant(), account.passwordChangedAt(), account.lastLoginAt());
        }));
    }

    @Transactional
    AccountView setEnabled(long id, boolean enabled) {
        AccountView changed = change(id, enabled ? "enable" : "disable", account -> {
            if (!enabled) {
                keepAnAdministrator(account);
            }
            return new Account(account.id(), account.username(), account.passwordHash(), account.role(),
                    account.publisherId(), enabled, account.failedLogins(), account.lockedUntil(),
                    account.createdAt(), clock.instant(), account.passwordChangedAt(), account.lastLoginAt());
        });
        return enabled ? changed : endingSessions(changed);
    }

    /** Sets a new password and lifts a lockout; the account's tokens issued before stop counting everywhere. */
    @Transactional
    AccountView resetPassword(long id, String password) {
        return endingSessions(change(id, "reset-password", account -> withPassword(account, password)));
    }

    /** The caller changes its own password, proving the current one. */
    @Transactional
    AccountView changeOwnPassword(String username, String currentPassword, String newPassword) {
        Account account = repository.findByUsernameForUpdate(username)
            .filter(found -> currentPassword != null && passwords.matches(currentPassword, found.passwordHash()))
            .orElseThrow(() -> new ResponseStatusException(HttpStatus.FORBIDDEN, "the current password is wrong"));
        return change(account.id(), "change-password", current -> withPassword(current, newPassword));
    }

    private Account withPassword(Account account, String password) {
        Instant now = clock.instant();
        return new Account(account.id(), account.username(),
                passwords.encode(Credentials.password(password, account.username())), account.role(),
                account.publisherId(), account.enabled(), 0, null, account.createdAt(), now, now,
                account.lastLoginAt());
    }

    private AccountView change(long id, String action, UnaryOperator<Account> change) {
        Account before = repository.findForUpdate(id).orElseThrow(() -> notFound(id));
        Account after = change.apply(before);
        repository.update(after);
        AccountView view = AccountView.of(after);
        audit.record(action, AUDITED_TYPE, Long.toString(id), AccountView.of(before), view);
        return view;
    }

    /** The account's tokens issued until now stop counting everywhere: what it may do has just narrowed. */
    private AccountView endingSessions(AccountView changed) {
        revocations.revoke(changed.username());
        return changed;
    }

    /** The platform must keep an enabled administrator, or nobody could manage accounts any more. */
    private void keepAnAdministrator(Account account) {
        if (account.role() == Role.ADMIN && account.enabled() && repository.lockEnabledAdmins() <= 1) {
            throw new ResponseStatusException(HttpStatus.CONFLICT,
                    "account " + account.username() + " is the last enabled ADMIN");
        }
    }

    private Account failedLogin(Account account, Instant now) {
        int failures = account.failedLogins() + 1;
        boolean lock = failures >= logins.maxFailures();
        return new Account(account.id(), account.username(), account.passwordHash(), account.role(),
                account.publisherId(), account.enabled(), lock ? 0 : failures,
                lock ? now.plus(logins.lockout()) : account.lockedUntil(), account.createdAt(), account.updatedAt(),
                account.passwordChangedAt(), account.lastLoginAt());
    }

    private static ResponseStatusException notFound(long id) {
        return new ResponseStatusException(HttpStatus.NOT_FOUND, "no account " + id);
    }
}
