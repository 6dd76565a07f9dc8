package io.croupier.click.redirect;

import io.croupier.click.ClickServiceSettings;
import io.croupier.click.offer.OfferCatalogue;
import io.croupier.click.publisher.PublisherReplica;
import io.croupier.click.recording.ClickPublisher;
import io.croupier.click.routing.Routes;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationPredicate;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.parameters.QueryParameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.tags.Tag;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.observation.ServerRequestObservationContext;
import tools.jackson.databind.json.JsonMapper;

import static org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE;

/**
 * Puts {@link ClickServlet} at {@code /click}, next to Spring MVC's dispatcher (an exact servlet mapping wins over
 * the dispatcher's {@code /}), and describes it in the OpenAPI document, which only sees Spring MVC handlers.
 */
@Configuration(proxyBeanMethods = false)
class ClickEndpoint {

    static final String PATH = "/click";

    private static final String TAG = "Click link";

    @Bean
    ServletRegistrationBean<ClickServlet> clickServlet(Routes routes, PublisherReplica publishers,
            ClickPublisher clicks, OfferCatalogue catalogue, ClickServiceSettings properties, JsonMapper json,
            MeterRegistry meters) {
        ServletRegistrationBean<ClickServlet> registration = new ServletRegistrationBean<>(
                new ClickServlet(routes, publishers, clicks, catalogue, properties, json, meters), PATH);
        registration.setLoadOnStartup(1);
        return registration;
    }

    /**
     * No {@code http.server.requests} observation for clicks: building its tags and timers per request cost about a
     * seventh of a click's CPU. {@code croupier.clicks.redirect} measures the servlet instead.
     */
    @Bean
    ObservationPredicate clicksAreTimedByTheirOwnMeter() {
        return (name, context) -> !(context instanceof ServerRequestObservationContext request
                && PATH.equals(request.getCarrier().getRequestURI()));
    }

    @Bean
    OpenApiCustomizer clickDocumentation() {
        return openApi -> openApi.addTagsItem(new Tag().name(TAG)
            .description("Seed 001's click link: the visitor is sent to the casino offer that currently earns the most "
                    + "(or the one asked for), and the click is recorded with the publisher's parameters."))
            .path(PATH, new PathItem().get(new Operation().operationId("click")
            .addTagsItem(TAG)
            .summary("Route a visitor to a casino offer")
            .description("Answers 302 to the chosen offer's URL with the click id; any other parameter is kept "
                    + "with the click.")
            .addParametersItem(query("source", "Traffic source"))
            .addParametersItem(query("campaign", "Campaign"))
            .addParametersItem(query("offer", "Send to this offer id, skipping routing"))
            .addParametersItem(query("pub", "Publisher id or username"))
            .addParametersItem(query("sub1", "Publisher's sub id; also sub2 to sub5"))
            .responses(new ApiResponses()
                .addApiResponse("302", new ApiResponse().description("Redirect to the offer, or to the fallback URL")
                    .addHeaderObject("Location", new Header().schema(new StringSchema())))
                .addApiResponse("400", problem("Malformed parameter"))
                .addApiResponse("404", problem("Unknown or inactive offer"))
                .addApiResponse("503", problem("No active offer")))));
    }

    private static Parameter query(String name, String description) {
        return new QueryParameter().name(name).description(description).schema(new StringSchema());
    }

    private static ApiResponse problem(String description) {
        return new ApiResponse().description(description)
            .content(new Content().addMediaType(APPLICATION_PROBLEM_JSON_VALUE,
                    new MediaType().schema(new ObjectSchema().description("RFC 9457 problem details"))));
    }
}
