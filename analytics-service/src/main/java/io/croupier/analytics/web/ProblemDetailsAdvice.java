package io.croupier.analytics.web;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.databind.DatabindException;

/**
 * RFC 9457 problem details for every error. Invalid fields are listed one message each under {@code errors}, named
 * as on the wire, whether the body failed validation or did not even parse.
 */
@RestControllerAdvice
class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        Map<String, String> errors = new LinkedHashMap<>();
        for (FieldError error : ex.getBindingResult().getFieldErrors()) {
            errors.putIfAbsent(error.getField(), error.getDefaultMessage());
        }
        ex.getBindingResult().getGlobalErrors()
            .forEach(error -> errors.putIfAbsent(error.getObjectName(), error.getDefaultMessage()));
        return handleExceptionInternal(ex, invalid(ex.getBody(), errors), headers, status, request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemDetail body = ProblemDetail.forStatus(HttpStatus.BAD_REQUEST);
        if (ex.getCause() instanceof DatabindException databind && !databind.getPath().isEmpty()) {
            String field = databind.getPath().stream()
                .map(reference -> reference.getPropertyName() != null ? reference.getPropertyName()
                        : String.valueOf(reference.getIndex()))
                .collect(Collectors.joining("."));
            return handleExceptionInternal(ex, invalid(body, Map.of(field, "has the wrong type or format")), headers,
                    status, request);
        }
        body.setTitle("Unreadable request");
        body.setDetail("The request body is not valid JSON.");
        return handleExceptionInternal(ex, body, headers, status, request);
    }

    @ExceptionHandler(InvalidField.class)
    ProblemDetail invalidField(InvalidField e) {
        return invalid(ProblemDetail.forStatus(HttpStatus.BAD_REQUEST), Map.of(e.field(), e.getMessage()));
    }

    /** Bad input only the domain can recognise (an unknown currency, a range the wrong way round) is a 400. */
    @ExceptionHandler(IllegalArgumentException.class)
    ProblemDetail badInput(IllegalArgumentException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setTitle("Bad request");
        return problem;
    }

    private static ProblemDetail invalid(ProblemDetail body, Map<String, String> errors) {
        body.setTitle("Invalid request");
        body.setDetail(errors.entrySet().stream()
            .map(entry -> entry.getKey() + ": " + entry.getValue())
            .collect(Collectors.joining("; ")));
        body.setProperty("errors", errors);
        return body;
    }
}
