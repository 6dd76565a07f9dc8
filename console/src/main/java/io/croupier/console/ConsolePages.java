package io.croupier.console;

import java.util.concurrent.TimeUnit;

import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.resource.LiteWebJarsResourceResolver;

/**
 * The pages under {@code /console/}, where the front door routes them, and the WebJars they import under
 * {@code /console/webjars/} without a version in the path (the build's dependency names it once).
 */
@Configuration(proxyBeanMethods = false)
class ConsolePages implements WebMvcConfigurer {

    static final String ROOT = "/console/";

    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        registry.addRedirectViewController("/console", ROOT);
        registry.addViewController(ROOT).setViewName("forward:" + ROOT + "index.html");
    }

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler(ROOT + "webjars/**")
            .addResourceLocations("classpath:/META-INF/resources/webjars/")
            .setCacheControl(CacheControl.maxAge(1, TimeUnit.HOURS))
            .resourceChain(true)
            .addResolver(new LiteWebJarsResourceResolver());
        // The pages change with every release and are small: the browser asks again each time.
        registry.addResourceHandler(ROOT + "**")
            .addResourceLocations("classpath:/console/")
            .setCacheControl(CacheControl.noCache());
    }
}
