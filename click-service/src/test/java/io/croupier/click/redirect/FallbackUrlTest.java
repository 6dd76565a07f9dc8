package io.croupier.click.redirect;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import io.croupier.click.ClickServiceSettings;
import io.croupier.click.offer.OfferCatalogue;
import io.croupier.click.publisher.PublisherReplica;
import io.croupier.click.recording.ClickPublisher;
import io.croupier.click.routing.Routes;
import io.croupier.routing.RoutingTable;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.ArgumentMatchers.any;

/** The configured fallback URL takes a visitor the service cannot route; without one the visitor gets the error. */
class FallbackUrlTest {

    private final Routes routes = mock(Routes.class);

    private final ClickPublisher clicks = mock(ClickPublisher.class);

    @Test
    void withAFallbackUrlAClickThatCannotBeRoutedGoesThereAndRecordsNoClick() throws IOException {
        given(routes.current()).willReturn(RoutingTable.empty());
        ClickServlet servlet = servlet("https://fallback.example/offers");

        for (String query : List.of("source=x", "offer=42", "offer=abc")) {
            MockHttpServletResponse response = click(servlet, query);

            assertThat(response.getStatus()).isEqualTo(302);
            assertThat(response.getHeader("Location")).isEqualTo("https://fallback.example/offers");
        }
        then(clicks).should(never()).publish(any());
    }

    @Test
    void withoutAFallbackUrlTheVisitorGetsTheError() throws IOException {
        given(routes.current()).willReturn(RoutingTable.empty());
        ClickServlet servlet = servlet("");

        MockHttpServletResponse response = click(servlet, "source=x");

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getContentType()).startsWith("application/problem+json");
        assertThat(response.getContentAsString()).contains("\"title\":\"No active offer\"", "\"status\":503");
    }

    @Test
    void aFallbackUrlThatIsNotAnAbsoluteHttpUrlStopsTheServiceFromStarting() {
        assertThatIllegalStateException().isThrownBy(() -> servlet("javascript:alert(1)"))
            .withMessageContaining("fallback-url");
    }

    private ClickServlet servlet(String fallbackUrl) {
        ClickServiceSettings properties = new ClickServiceSettings(
                new ClickServiceSettings.Routing(Duration.ofSeconds(2)),
                new ClickServiceSettings.Redirect(List.of(), fallbackUrl, 512, 50),
                new ClickServiceSettings.Publishing(Duration.ofMillis(10), Duration.ofSeconds(30), 10));
        return new ClickServlet(routes, mock(PublisherReplica.class), clicks, mock(OfferCatalogue.class),
                properties, JsonMapper.builder().build(), new SimpleMeterRegistry());
    }

    private static MockHttpServletResponse click(ClickServlet servlet, String query) throws IOException {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/click");
        request.setQueryString(query);
        for (String pair : query.split("&")) {
            String[] parts = pair.split("=", 2);
            request.addParameter(parts[0], parts[1]);
        }
        MockHttpServletResponse response = new MockHttpServletResponse();
        servlet.doGet(request, response);
        return response;
    }
}
