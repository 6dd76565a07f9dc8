package io.croupier.forwarder.endpoint;

import java.time.Clock;

import io.croupier.forwarder.ForwarderSettings;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class EndpointConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    SsrfPolicy ssrfPolicy(ForwarderSettings properties) {
        return SsrfPolicy.allowing(properties.ssrf().allowed());
    }

    @Bean(destroyMethod = "close")
    PostbackClient postbackClient(SsrfPolicy ssrfPolicy, ForwarderSettings properties, Clock clock) {
        return new PostbackClient(ssrfPolicy, properties.delivery(), clock);
    }

    @Bean
    EndpointGuards endpointGuards(ForwarderSettings properties, Clock clock) {
        return new EndpointGuards(properties.endpoint(), clock);
    }
}
