package io.croupier.click.redirect;

import java.time.Duration;
import java.util.List;

import io.croupier.click.ClickServiceProperties;
import io.croupier.click.offer.OfferCatalogue;
import io.croupier.click.publisher.PublisherDirectory;
import io.croupier.click.recording.ClickPublisher;
import io.croupier.click.routing.Routes;
import io.croupier.click.routing.RoutingTable;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.ErrorResponseException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
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
    void withAFallbackUrlAClickThatCannotBeRoutedGoesThereAndRecordsNoClick() {
        given(routes.current()).willReturn(RoutingTable.empty());
        ClickController controller = controller("https://fallback.example/offers");

        for (String query : List.of("source=x", "offer=42", "offer=abc")) {
            MockHttpServletResponse response = click(controller, query);

            assertThat(response.getStatus()).isEqualTo(302);
            assertThat(response.getHeader("Location")).isEqualTo("https://fallback.example/offers");
        }
        then(clicks).should(never()).publish(any());
    }

    @Test
    void withoutAFallbackUrlTheVisitorGetsTheError() {
        given(routes.current()).willReturn(RoutingTable.empty());
        ClickController controller = controller("");

        assertThatThrownBy(() -> click(controller, "source=x")).isInstanceOfSatisfying(ErrorResponseException.class,
                error -> assertThat(error.getStatusCode().value()).isEqualTo(503));
    }

    @Test
    void aFallbackUrlThatIsNotAnAbsoluteHttpUrlStopsTheServiceFromStarting() {
        assertThatIllegalStateException().isThrownBy(() -> controller("javascript:alert(1)"))
            .withMessageContaining("fallback-url");
    }

    private ClickController controller(String fallbackUrl) {
        ClickServiceProperties properties = new ClickServiceProperties(
                new ClickServiceProperties.Routing(0.2, Duration.ofSeconds(2)),
                new ClickServiceProperties.Redirect(List.of(), fallbackUrl, 512, 50),
                new ClickServiceProperties.Publishing(Duration.ofMillis(10), Duration.ofSeconds(30), 10));
        return new ClickController(routes, mock(PublisherDirectory.class), clicks, mock(OfferCatalogue.class),
                properties);
    }

    private static MockHttpServletResponse click(ClickController controller, String query) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/click");
        request.setQueryString(query);
        for (String pair : query.split("&")) {
            String[] parts = pair.split("=", 2);
            request.addParameter(parts[0], parts[1]);
        }
        MockHttpServletResponse response = new MockHttpServletResponse();
        controller.click(request, response);
        return response;
    }
}
