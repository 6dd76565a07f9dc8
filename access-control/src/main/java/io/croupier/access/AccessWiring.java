package io.croupier.access;

import java.util.List;
import java.util.Map;

import io.micrometer.observation.ObservationRegistry;
import jakarta.servlet.DispatcherType;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.web.FilterChainProxy.FilterChainDecorator;
import org.springframework.security.web.ObservationFilterChainDecorator;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Makes a Spring Boot application a resource server that validates Croupier's bearer tokens on its own and enforces
 * the rules its {@link AccessRules} beans declare, after the platform's own (health and API docs public, actuator for
 * operators). Whatever no rule names is for {@code ADMIN} only. Stateless: no session, no cookie, so no CSRF token.
 */
@AutoConfiguration(before = { OAuth2ResourceServerAutoConfiguration.class,
        ManagementWebSecurityAutoConfiguration.class, ServletWebSecurityAutoConfiguration.class,
        UserDetailsServiceAutoConfiguration.class })
@EnableWebSecurity
@EnableConfigurationProperties(AccessSettings.class)
public class AccessWiring {

    private static final String PUBLIC_CHAIN = "croupierPublicEndpointsFilterChain";

    static {
        // Resolved from the token, never from a request parameter, so they have no place in the API documents.
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(PublisherScope.class, Caller.class);
    }

    @Bean
    @ConditionalOnMissingBean
    JwtDecoder croupierTokenDecoder(AccessSettings settings) {
        return TokenValidation.decoder(settings);
    }

    /**
     * Requests whose deciding rule is public get a chain of their own that only writes the security headers: no
     * token is read there anyway, and nothing is authorised, so the bearer-token, anonymous, session, request-cache
     * and authorisation filters (each observed on its own) would cost CPU on every call of a hot public endpoint
     * (a casino's postback) and decide nothing. The resource server's metadata document stays in the main chain,
     * whose filter serves it.
     */
    @Bean(PUBLIC_CHAIN)
    @Order(Ordered.HIGHEST_PRECEDENCE)
    SecurityFilterChain croupierPublicEndpointsFilterChain(HttpSecurity http, ObjectProvider<AccessRules> serviceRules) {
        RequestMatcher resourceMetadata = PathPatternRequestMatcher.withDefaults()
            .matcher(PlatformEndpoints.RESOURCE_METADATA + "/**");
        RequestMatcher decidedPublic = firstMatchingRuleIs(declaredRules(serviceRules), Endpoints.Rule.Kind.PUBLIC);
        http.securityMatcher(request -> !resourceMetadata.matches(request) && decidedPublic.matches(request))
            .csrf(csrf -> csrf.disable())
            .sessionManagement(sessions -> sessions.disable())
            .securityContext(context -> context.disable())
            .requestCache(cache -> cache.disable())
            .anonymous(anonymous -> anonymous.disable())
            .servletApi(servletApi -> servletApi.disable())
            .exceptionHandling(exceptions -> exceptions.disable())
            .logout(logout -> logout.disable());
        return http.build();
    }

    /**
     * Takes the place of Spring Security's own decorator of the filter chains (same condition: an observation
     * registry, and request observations not switched off), leaving the public endpoints' chain unobserved.
     */
    @Bean
    @Primary
    static ObjectPostProcessor<FilterChainDecorator> publicChainUnobserved(ObjectProvider<ObservationRegistry> registry,
            ObjectProvider<SecurityObservationSettings> settings, BeanFactory beans) {
        return new ObjectPostProcessor<>() {
            @Override
            public <O extends FilterChainDecorator> O postProcess(O decorator) {
                ObservationRegistry observations = registry.getIfUnique(() -> ObservationRegistry.NOOP);
                SecurityObservationSettings configured = settings.getIfUnique();
                if (observations.isNoop() || configured != null && !configured.shouldObserveRequests()) {
                    return decorator;
                }
                @SuppressWarnings("unchecked")
                O partlyObserved = (O) new PublicChainUnobserved(new ObservationFilterChainDecorator(observations),
                        decorator, () -> beans.getBean(PUBLIC_CHAIN, SecurityFilterChain.class));
                return partlyObserved;
            }
        };
    }

    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE)
    SecurityFilterChain croupierSecurityFilterChain(HttpSecurity http, AccessSettings settings, JwtDecoder decoder,
            ObjectProvider<AccessRules> serviceRules) {
        List<Endpoints.Rule> rules = declaredRules(serviceRules);
        ProblemAnswers problems = new ProblemAnswers();
        http.csrf(csrf -> csrf.disable())
            .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
            .requestCache(cache -> cache.disable())
            .formLogin(form -> form.disable())
            .httpBasic(basic -> basic.disable())
            .logout(logout -> logout.disable())
            .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(problems)
                .accessDeniedHandler(problems))
            .oauth2ResourceServer(resourceServer -> resourceServer
                .jwt(jwt -> jwt.decoder(decoder).jwtAuthenticationConverter(new CallerFromToken(settings)))
                .bearerTokenResolver(tokensOf(rules, decoder))
                .authenticationEntryPoint(problems)
                .accessDeniedHandler(problems)
                .protectedResourceMetadata(metadata -> metadata.protectedResourceMetadataCustomizer(
                        resource -> resource.authorizationServer(settings.issuer()))))
            .authorizeHttpRequests(requests -> {
                requests.dispatcherTypeMatchers(DispatcherType.ERROR).permitAll();
                for (Endpoints.Rule rule : rules) {
                    if (rule.kind() == Endpoints.Rule.Kind.HOT_PATH) {
                        continue;
                    }
                    var matched = requests.requestMatchers(matcher(rule));
                    if (rule.kind() == Endpoints.Rule.Kind.ROLES) {
                        matched.hasAnyRole(rule.roles().stream().map(Role::name).toArray(String[]::new));
                    }
                    else {
                        matched.permitAll();
                    }
                }
                requests.anyRequest().hasRole(Role.ADMIN.name());
            });
        return http.build();
    }

    /** Hot paths skip the filter chain; the platform defaults silence Spring Security's start-up warning about it. */
    @Bean
    WebSecurityCustomizer hotPathsBypassTheFilters(ObjectProvider<AccessRules> serviceRules) {
        List<RequestMatcher> hotPaths = declaredRules(serviceRules).stream()
            .filter(rule -> rule.kind() == Endpoints.Rule.Kind.HOT_PATH)
            .map(AccessWiring::matcher)
            .toList();
        return web -> {
            if (!hotPaths.isEmpty()) {
                web.ignoring().requestMatchers(hotPaths.toArray(RequestMatcher[]::new));
            }
        };
    }

    @Bean
    WebMvcConfigurer callerFromTheToken() {
        HandlerMethodArgumentResolver resolver = new CallerArguments();
        return new WebMvcConfigurer() {
            @Override
            public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
                resolvers.add(resolver);
            }
        };
    }

    @Bean
    OpenApiCustomizer bearerTokensInTheApiDocuments(ObjectProvider<AccessRules> serviceRules) {
        return new BearerScheme(declaredRules(serviceRules));
    }

    /** The platform's rules first, then each service's in bean order. */
    static List<Endpoints.Rule> declaredRules(ObjectProvider<AccessRules> serviceRules) {
        Endpoints endpoints = new Endpoints();
        PlatformEndpoints.declare(endpoints);
        serviceRules.orderedStream().forEach(rules -> rules.declare(endpoints));
        return endpoints.rules();
    }

    /**
     * Public endpoints never read the {@code Authorization} header: a casino that happens to send one must not have
     * its postback refused, and a public call does not pay for a signature check. Endpoints open to anyone but
     * richer for operators (health) read a valid token and ignore an invalid one, so a probe never fails on a
     * stale token.
     */
    private static BearerTokenResolver tokensOf(List<Endpoints.Rule> rules, JwtDecoder decoder) {
        RequestMatcher publicEndpoints = firstMatchingRuleIs(rules, Endpoints.Rule.Kind.PUBLIC);
        RequestMatcher openEndpoints = firstMatchingRuleIs(rules, Endpoints.Rule.Kind.OPEN);
        DefaultBearerTokenResolver bearer = new DefaultBearerTokenResolver();
        return request -> {
            if (publicEndpoints.matches(request)) {
                return null;
            }
            String token = bearer.resolve(request);
            return token != null && openEndpoints.matches(request) && !valid(decoder, token) ? null : token;
        };
    }

    private static boolean valid(JwtDecoder decoder, String token) {
        try {
            decoder.decode(token);
            return true;
        }
        catch (JwtException e) {
            return false;
        }
    }

    /** The first rule that matches a request decides (see {@link Endpoints}); this matches when it is of {@code kind}. */
    private static RequestMatcher firstMatchingRuleIs(List<Endpoints.Rule> rules, Endpoints.Rule.Kind kind) {
        List<Map.Entry<RequestMatcher, Boolean>> decisions = rules.stream()
            .map(rule -> Map.entry(matcher(rule), rule.kind() == kind))
            .toList();
        return request -> {
            for (Map.Entry<RequestMatcher, Boolean> decision : decisions) {
                if (decision.getKey().matches(request)) {
                    return decision.getValue();
                }
            }
            return false;
        };
    }

    private static RequestMatcher matcher(Endpoints.Rule rule) {
        return PathPatternRequestMatcher.withDefaults().matcher(rule.method(), rule.pattern());
    }
}
