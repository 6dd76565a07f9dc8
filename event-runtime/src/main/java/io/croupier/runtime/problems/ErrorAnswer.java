package io.croupier.runtime.problems;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An error an operation answers on its own (a 404 for an unknown id, a 409 for a conflict, a 400 its code decides),
 * documented in the service's OpenAPI document as an RFC 9457 problem with {@link #detail} as its example. The 400 the
 * framework answers for a request it cannot bind needs no annotation: {@link ErrorAnswerDocumentation} adds it. An
 * error that many operations share is declared once on an annotation of its own, which then marks the operations.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.METHOD, ElementType.ANNOTATION_TYPE })
@Repeatable(ErrorAnswers.class)
public @interface ErrorAnswer {

    /** The HTTP status, e.g. 404. */
    int status();

    /** When the operation answers it, as the response's description, e.g. "No offer has this id". */
    String when();

    /** The problem's {@code detail} as the operation writes it, with example values. */
    String detail();

    /** The problem's {@code title} when the operation sets its own; the status's reason phrase otherwise. */
    String title() default "";

    /**
     * The invalid field, for an operation that names it in the problem's {@code errors} list, as
     * {@code detail = "<field>: <message>"}.
     */
    String field() default "";
}
