package io.croupier.access;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.springframework.http.HttpMethod;

/**
 * The rules a service declares, in the order it declares them; the first rule that matches a request decides. Path
 * patterns are Spring's {@code PathPattern}s ({@code /admin/offers/**}, {@code /postback/{key}}).
 */
public final class Endpoints {

    private final List<Rule> rules = new ArrayList<>();

    /**
     * Anyone may call these: visitors, casinos and partners, who prove themselves by the endpoint's own secrets, keys
     * and signatures if at all. A bearer token sent along is not even read.
     */
    public Endpoints publicly(HttpMethod method, String... patterns) {
        for (String pattern : patterns) {
            rules.add(new Rule(method, pattern, Rule.Kind.PUBLIC, Set.of()));
        }
        return this;
    }

    /** Anyone may call these with any method; a bearer token sent along is not read. */
    public Endpoints publicly(String... patterns) {
        for (String pattern : patterns) {
            rules.add(new Rule(null, pattern, Rule.Kind.PUBLIC, Set.of()));
        }
        return this;
    }

    /**
     * Public, and outside the security filters altogether: for a hot path that carries no credential and reveals
     * nothing (the click redirect), where even a permit-all pass through the filter chain costs measurable CPU.
     * Security headers are not added there either.
     */
    public Endpoints hotPath(String... patterns) {
        for (String pattern : patterns) {
            rules.add(new Rule(null, pattern, Rule.Kind.HOT_PATH, Set.of()));
        }
        return this;
    }

    /** Callers holding one of {@code roles} may call {@code pattern} with {@code method}. */
    public Endpoints permit(HttpMethod method, String pattern, Role... roles) {
        rules.add(new Rule(method, pattern, Rule.Kind.ROLES, roleSet(roles)));
        return this;
    }

    /** Callers holding one of {@code roles} may call {@code pattern} with any method. */
    public Endpoints permit(String pattern, Role... roles) {
        rules.add(new Rule(null, pattern, Rule.Kind.ROLES, roleSet(roles)));
        return this;
    }

    /** Anyone may call these, and a token sent along still counts (health shows its details to operators). */
    Endpoints openToAnyone(String... patterns) {
        for (String pattern : patterns) {
            rules.add(new Rule(null, pattern, Rule.Kind.OPEN, Set.of()));
        }
        return this;
    }

    List<Rule> rules() {
        return List.copyOf(rules);
    }

    private static Set<Role> roleSet(Role... roles) {
        if (roles.length == 0) {
            throw new IllegalArgumentException("name at least one role; use publicly(...) for public endpoints");
        }
        return Set.copyOf(EnumSet.of(roles[0], roles));
    }

    /**
     * @param method {@code null} for every method
     */
    record Rule(HttpMethod method, String pattern, Kind kind, Set<Role> roles) {

        enum Kind {
            PUBLIC, HOT_PATH, OPEN, ROLES
        }
    }
}
