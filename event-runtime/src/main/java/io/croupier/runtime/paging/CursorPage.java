package io.croupier.runtime.paging;

import java.util.List;

import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * One page of a list endpoint's answer.
 *
 * @param nextCursor pass as {@code cursor} for the next page; null on the last page
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record CursorPage<T>(List<T> items, String nextCursor) {
}
