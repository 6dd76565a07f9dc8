package io.croupier.access;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/** A validated token and the caller it names, worked out once per request. */
final class CallerAuthentication extends JwtAuthenticationToken {

    private final Caller caller;

    CallerAuthentication(Jwt jwt, Caller caller) {
        super(jwt, caller.roles().stream().<GrantedAuthority>map(role -> new SimpleGrantedAuthority(role.authority()))
            .toList(), caller.name());
        this.caller = caller;
    }

    Caller caller() {
        return caller;
    }
}
