package io.croupier.runtime.paging;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.croupier.runtime.problems.ErrorAnswer;

/**
 * Marks a paged list operation: its 400 for a {@code limit} out of range or a {@code cursor} it did not answer, which
 * {@link PageRequest} throws, documented once here. The other parameters' binding errors answer the same 400 shape.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@ErrorAnswer(status = 400, title = "Invalid request", field = "cursor",
        when = "limit is out of range (1 to 500), the cursor is not one this API answered, or a parameter is malformed",
        detail = "cursor: is not one this API answered")
public @interface BadPageRequest {
}
