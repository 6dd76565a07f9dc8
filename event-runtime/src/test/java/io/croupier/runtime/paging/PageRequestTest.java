package io.croupier.runtime.paging;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.web.ErrorResponseException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PageRequestTest {

    @Test
    void aFullPageAnswersTheCursorOfItsLastRowAndAShortOneNone() {
        PageRequest request = new PageRequest(null, 2);

        CursorPage<Long> full = request.page(List.of(1L, 2L, 3L), Cursor::of);
        CursorPage<Long> last = request.page(List.of(4L, 5L), Cursor::of);

        assertThat(request.fetchSize()).isEqualTo(3);
        assertThat(full.items()).containsExactly(1L, 2L);
        assertThat(new PageRequest(full.nextCursor(), 2).after().numericId()).isEqualTo(2L);
        assertThat(last.items()).containsExactly(4L, 5L);
        assertThat(last.nextCursor()).isNull();
    }

    @Test
    void aCursorCarriesATimeAndAnIdBackAsTheyWere() {
        Instant at = Instant.parse("2026-11-30T15:00:00.123456Z");
        Cursor after = new PageRequest(Cursor.of(at, "click~with\nodd characters").toString(), 10).after();

        assertThat(after.at()).isEqualTo(at);
        assertThat(after.id()).isEqualTo("click~with\nodd characters");
    }

    @Test
    void aLimitOutOfRangeOrACursorThisApiDidNotAnswerIsA400() {
        for (Runnable refused : List.<Runnable>of(() -> new PageRequest(null, 0), () -> new PageRequest(null, 501),
                () -> new PageRequest("%%", 10).after(), () -> new PageRequest("yesterday", 10).after(),
                () -> new PageRequest(Cursor.of("abc").toString(), 10).after().numericId(),
                () -> new PageRequest(Cursor.of(7).toString(), 10).after().at())) {
            assertThatThrownBy(refused::run).isInstanceOfSatisfying(ErrorResponseException.class,
                    problem -> assertThat(problem.getStatusCode().value()).isEqualTo(400));
        }
    }
}
