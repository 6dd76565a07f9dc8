package io.croupier.optimizer.weights;

import java.util.Comparator;
import java.util.List;

import io.croupier.optimizer.OptimizerIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** Bad requests to the weight endpoints get RFC 9457 problem details, never a 500. */
class WeightsEndpointErrorsTest extends OptimizerIntegrationTest {

    @Test
    void anUnknownWeightSetIsNotFound() {
        assertProblem("/admin/weight-sets/987654321987", HttpStatus.NOT_FOUND);
    }

    @Test
    void aWeightSetIdThatIsNotANumberIsABadRequest() {
        assertProblem("/admin/weight-sets/latest-ish", HttpStatus.BAD_REQUEST);
    }

    @Test
    void aHistoryLimitOutOfRangeIsABadRequest() {
        assertProblem("/admin/weight-sets?limit=0", HttpStatus.BAD_REQUEST);
        assertProblem("/admin/weight-sets?limit=lots", HttpStatus.BAD_REQUEST);
    }

    @Test
    void updatingWeightsWithoutAnyActiveOfferIsAConflictAndPublishesNothing() {
        long closed = offer("Casino Closed", false);

        ResponseEntity<String> response = http.post()
            .uri("/admin/update-weights")
            .exchange((request, answer) -> ResponseEntity.status(answer.getStatusCode())
                .headers(answer.getHeaders())
                .body(new String(answer.getBody().readAllBytes())));

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(response.getHeaders().getContentType()).isNotNull()
            .satisfies(type -> assertThat(type.isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)).isTrue());
        assertThat(jdbc.sql("select count(*) from weight_set_entries where offer_id = :id")
            .param("id", closed)
            .query(Long.class)
            .single()).isZero();
    }

    @Test
    void theHistoryIsPagedNewestSetFirstByItsCursor() {
        offer("Casino Alpha", true);
        WeightSet oldest = updateWeights();
        WeightSet older = updateWeights();
        WeightSet newer = updateWeights();

        JsonNode first = http.get().uri("/admin/weight-sets?limit=2").retrieve().body(JsonNode.class);
        JsonNode next = http.get().uri("/admin/weight-sets?limit=2&cursor={cursor}",
                first.path("next_cursor").asString()).retrieve().body(JsonNode.class);
        JsonNode last = http.get().uri("/admin/weight-sets?limit=500&cursor={cursor}",
                first.path("next_cursor").asString()).retrieve().body(JsonNode.class);

        assertThat(ids(first)).containsExactly(newer.weightSetId(), older.weightSetId());
        assertThat(ids(next)).first().isEqualTo(oldest.weightSetId());
        assertThat(ids(last)).first().isEqualTo(oldest.weightSetId());
        assertThat(ids(last)).isSortedAccordingTo(Comparator.reverseOrder());
        assertThat(last.path("next_cursor").isNull()).isTrue();
        assertProblem("/admin/weight-sets?cursor=yesterday", HttpStatus.BAD_REQUEST);
    }

    private static List<Long> ids(JsonNode page) {
        return page.path("items").valueStream().map(set -> set.path("weight_set_id").asLong()).toList();
    }

    @Test
    void updateWeightsAnswersOnlyToPost() {
        assertProblem("/admin/update-weights", HttpStatus.METHOD_NOT_ALLOWED);
    }

    private void assertProblem(String uri, HttpStatus status) {
        ResponseEntity<String> response = http.get()
            .uri(uri)
            .exchange((request, answer) -> ResponseEntity.status(answer.getStatusCode())
                .headers(answer.getHeaders())
                .body(new String(answer.getBody().readAllBytes())));
        assertThat(response.getStatusCode()).isEqualTo(status);
        assertThat(response.getHeaders().getContentType()).isNotNull()
            .satisfies(type -> assertThat(type.isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)).isTrue());
    }
}
