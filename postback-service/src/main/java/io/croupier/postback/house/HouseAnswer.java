package io.croupier.postback.house;

import java.math.BigDecimal;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Seed 003's success body. {@code commission} is null only while it is still being computed, which
 * {@code commissionStatus} then says ({@code PENDING} instead of {@code CALCULATED}).
 */
record HouseAnswer(String status, String message, String event, BigDecimal commission, String house, long logId,
        @JsonInclude(JsonInclude.Include.NON_NULL) String currency, String commissionStatus, boolean duplicate) {
}
