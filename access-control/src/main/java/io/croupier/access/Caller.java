package io.croupier.access;

import java.util.Optional;
import java.util.Set;

import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Who is calling, as the token says.
 *
 * @param subject the token's {@code sub}: an account's username, an API key's client id, or an external provider's
 *        subject
 * @param name a name for people to read: {@code preferred_username} when the token has one, else the subject
 * @param roles the Croupier roles the token grants
 * @param publisherId the publisher a {@code PUBLISHER} acts for; {@code null} for operators
 */
public record Caller(String subject, String name, Set<Role> roles, String publisherId) {

    public Caller {
        roles = Set.copyOf(roles);
    }

    public boolean isOperator() {
        return roles.stream().anyMatch(Role.OPERATORS::contains);
    }

    /** What a data query of this caller may see: every publisher for an operator, only its own for a publisher. */
    public PublisherScope publisherScope() {
        if (isOperator()) {
            return PublisherScope.EVERY_PUBLISHER;
        }
        if (roles.contains(Role.PUBLISHER) && publisherId != null) {
            return PublisherScope.only(publisherId);
        }
        return PublisherScope.NO_PUBLISHER;
    }

    /** The caller of the request this thread is serving, if it presented a valid token. */
    public static Optional<Caller> current() {
        return SecurityContextHolder.getContext().getAuthentication() instanceof CallerAuthentication authentication
                ? Optional.of(authentication.caller())
                : Optional.empty();
    }
}
