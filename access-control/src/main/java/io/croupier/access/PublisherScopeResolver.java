package io.croupier.access;

import org.springframework.core.MethodParameter;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/** Hands controllers the {@link PublisherScope} of the caller's token. */
final class PublisherScopeResolver implements HandlerMethodArgumentResolver {

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return PublisherScope.class.equals(parameter.getParameterType());
    }

    @Override
    public PublisherScope resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer,
            NativeWebRequest webRequest, WebDataBinderFactory binderFactory) {
        return Caller.current()
            .map(Caller::publisherScope)
            .orElseThrow(() -> new AccessDeniedException("no caller"));
    }
}
