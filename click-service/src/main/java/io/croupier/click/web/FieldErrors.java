package io.croupier.click.web;

import java.util.List;
import java.util.stream.Collectors;

import org.springframework.http.ProblemDetail;
import org.springframework.validation.FieldError;

/**
 * Every invalid field of a request, in the order found, each named as on the wire (snake_case), described in a
 * problem's {@code errors} list as {@code {"field": ..., "message": ...}} and summed up in its {@code detail}.
 */
public record FieldErrors(List<Entry> errors) {

    public record Entry(String field, String message) {
    }

    public static FieldErrors of(String field, String message) {
        return new FieldErrors(List.of(new Entry(field, message)));
    }

    static FieldErrors of(List<FieldError> errors) {
        return new FieldErrors(errors.stream()
            .map(error -> new Entry(snakeCase(error.getField()), error.getDefaultMessage()))
            .toList());
    }

    public void describe(ProblemDetail problem) {
        problem.setDetail(errors.stream()
            .map(error -> error.field() + ": " + error.message())
            .collect(Collectors.joining("; ")));
        problem.setProperty("errors", errors);
    }

    static String snakeCase(String field) {
        StringBuilder name = new StringBuilder(field.length() + 4);
        for (char c : field.toCharArray()) {
            if (Character.isUpperCase(c)) {
                name.append('_').append(Character.toLowerCase(c));
            }
            else {
                name.append(c);
            }
        }
        return name.toString();
    }
}
