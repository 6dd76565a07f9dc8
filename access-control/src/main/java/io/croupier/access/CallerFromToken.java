package io.croupier.access;

import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Reads the caller's roles and publisher from a validated token, with the claim names of whichever provider issued
 * it. Role names the platform does not know are ignored; {@code PUBLISHER} counts only with a publisher claim, so a
 * publisher token can never fall back to seeing everything.
 */
final class CallerFromToken implements Converter<Jwt, AbstractAuthenticationToken> {

    private final String rolesClaim;

    private final String publisherClaim;

    private final Map<String, Role> aliases;

    CallerFromToken(AccessSettings settings) {
        this.rolesClaim = settings.rolesClaim();
        this.publisherClaim = settings.publisherClaim();
        this.aliases = Map.copyOf(settings.roleAliases());
    }

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String name : names(claim(jwt.getClaims(), rolesClaim))) {
            Role role = role(name);
            if (role != null) {
                roles.add(role);
            }
        }
        Object publisher = claim(jwt.getClaims(), publisherClaim);
        String publisherId = publisher == null || publisher.toString().isBlank() ? null : publisher.toString();
        if (publisherId == null) {
            roles.remove(Role.PUBLISHER);
        }
        String username = jwt.getClaimAsString("preferred_username");
        String subject = jwt.getSubject();
        Caller caller = new Caller(subject, username == null ? subject : username, roles,
                roles.contains(Role.PUBLISHER) ? publisherId : null);
        return new CallerAuthentication(jwt, caller);
    }

    private Role role(String name) {
        Role alias = aliases.get(name);
        if (alias != null) {
            return alias;
        }
        for (Role role : Role.values()) {
            if (role.name().equals(name)) {
                return role;
            }
        }
        return null;
    }

    /** The claim of that literal name, else the value at that dotted path through nested claims. */
    private static Object claim(Map<String, Object> claims, String name) {
        if (claims.containsKey(name)) {
            return claims.get(name);
        }
        Object value = claims;
        for (String segment : name.split("\\.")) {
            if (!(value instanceof Map<?, ?> map)) {
                return null;
            }
            value = map.get(segment);
        }
        return value;
    }

    /** A list of names, or one string of names separated by spaces or commas (as {@code scope} is). */
    private static Collection<String> names(Object claim) {
        if (claim instanceof Collection<?> values) {
            return values.stream().map(String::valueOf).toList();
        }
        if (claim instanceof String value && !value.isBlank()) {
            return List.of(value.trim().split("[\\s,]+"));
        }
        return List.of();
    }
}
