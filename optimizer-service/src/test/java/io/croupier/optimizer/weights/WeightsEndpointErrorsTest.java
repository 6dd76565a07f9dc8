package io.croupier.optimizer.weights;

import io.croupier.optimizer.OptimizerIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

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
    void theHistoryListsTheNewestSetFirst() {
        offer("Casino Alpha", true);
        WeightSet older = updateWeights();
        WeightSet newer = updateWeights();

        WeightSet[] recent = http.get().uri("/admin/weight-sets?limit=2").retrieve().body(WeightSet[].class);

        assertThat(recent).extracting(WeightSet::weightSetId).containsExactly(newer.weightSetId(), older.weightSetId());
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
