package io.croupier.identity.account;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

import io.croupier.access.Role;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/** What an account's username, password, role and publisher must look like. */
final class Credentials {

    static final int MIN_PASSWORD_LENGTH = 12;

    /** bcrypt reads only the first 72 bytes: a longer password would be silently shortened. */
    static final int MAX_PASSWORD_BYTES = 72;

    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._@-]{3,64}");

    static String username(String username) {
        if (username == null || !USERNAME.matcher(username).matches()) {
            throw invalid("username: 3 to 64 letters, digits, '.', '_', '@' or '-'");
        }
        return username;
    }

    static String password(String password, String username) {
        if (password == null || password.codePointCount(0, password.length()) < MIN_PASSWORD_LENGTH) {
            throw invalid("password: at least " + MIN_PASSWORD_LENGTH + " characters");
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
            throw invalid("password: at most " + MAX_PASSWORD_BYTES + " bytes in UTF-8");
        }
        if (password.equalsIgnoreCase(username)) {
            throw invalid("password: must not be the username");
        }
        return password;
    }

    /** A publisher account acts for exactly one publisher; an operator account for none. */
    static String publisherOf(Role role, String publisherId) {
        if (role == null) {
            throw invalid("role: one of ADMIN, MANAGER, ANALYST, PUBLISHER");
        }
        boolean given = publisherId != null && !publisherId.isBlank();
        if (role == Role.PUBLISHER && !given) {
            throw invalid("publisher_id: required for a PUBLISHER");
        }
        if (role != Role.PUBLISHER && given) {
            throw invalid("publisher_id: only a PUBLISHER acts for a publisher");
        }
        return given ? publisherId.strip() : null;
    }

    static ResponseStatusException invalid(String detail) {
        return new ResponseStatusException(HttpStatus.BAD_REQUEST, detail);
    }

    private Credentials() {
    }
}
