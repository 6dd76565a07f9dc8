package io.croupier.postback.gaming;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Seed 000's success body. {@code postback_triggered} is true when this call produced the conversion event; a
 * duplicate answers with the original's conversion id and false.
 */
record WebhookAnswer(String status, @JsonProperty("conversion_id") String conversionId,
        @JsonProperty("postback_triggered") boolean postbackTriggered, boolean duplicate,
        @JsonProperty("log_id") long logId) {
}
