package io.croupier.access;

import java.util.List;
import java.util.function.Supplier;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import org.springframework.security.web.FilterChainProxy.FilterChainDecorator;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Observes every security filter chain as Spring Security does, except the public endpoints' chain, which passes
 * its filters unobserved: a timer and events for each filter of a chain that decides nothing were most of what that
 * chain cost on every postback. The request itself keeps its {@code http.server.requests} observation.
 */
final class PublicChainUnobserved implements FilterChainDecorator {

    private final FilterChainDecorator observed;

    private final FilterChainDecorator unobserved;

    private final Supplier<SecurityFilterChain> publicChain;

    private volatile List<Filter> publicFilters;

    /** @param publicChain looked up on the first request, as the chains are built after the decorator */
    PublicChainUnobserved(FilterChainDecorator observed, FilterChainDecorator unobserved,
            Supplier<SecurityFilterChain> publicChain) {
        this.observed = observed;
        this.unobserved = unobserved;
        this.publicChain = publicChain;
    }

    @Override
    public FilterChain decorate(FilterChain original) {
        return observed.decorate(original);
    }

    /** {@code filters} is the list of the chain that matched the request, the very list that chain holds. */
    @Override
    public FilterChain decorate(FilterChain original, List<Filter> filters) {
        return filters == publicFilters() ? unobserved.decorate(original, filters)
                : observed.decorate(original, filters);
    }

    private List<Filter> publicFilters() {
        List<Filter> filters = publicFilters;
        if (filters == null) {
            filters = publicChain.get().getFilters();
            publicFilters = filters;
        }
        return filters;
    }
}
