package io.croupier.runtime.problems;

import java.util.ArrayList;
import java.util.List;

import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.beans.TypeMismatchException;
import org.springframework.validation.method.ParameterErrors;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Every service's answer to a request it cannot bind, as an RFC 9457 problem that names each invalid field in its
 * {@code errors} list ({@link FieldErrors}), by the name the client sent: a body that fails bean validation, a
 * validated parameter, a value of the wrong type, a required parameter or part that is missing. Every other error is
 * Spring MVC's own problem detail. A seed endpoint that answers its own error bodies handles them in its controller,
 * which takes precedence over this advice.
 */
@ControllerAdvice
class ValidationProblems extends ResponseEntityExceptionHandler {

    static final String TITLE = "Invalid request";

    private static final String WRONG_TYPE = "has the wrong type or format";

    private final JsonPropertyNames jsonNames;

    ValidationProblems(JsonPropertyNames jsonNames) {
        this.jsonNames = jsonNames;
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        boolean body = ex.getParameter() != null && ex.getParameter().hasParameterAnnotation(RequestBody.class);
        Object target = ex.getBindingResult().getTarget();
        List<FieldErrors.FieldError> errors = new ArrayList<>();
        ex.getBindingResult().getFieldErrors().forEach(error -> errors.add(new FieldErrors.FieldError(
                body && target != null ? jsonNames.of(target.getClass(), error.getField()) : error.getField(),
                error.getDefaultMessage())));
        ex.getBindingResult().getGlobalErrors().forEach(error -> errors.add(new FieldErrors.FieldError(
                error.getObjectName(), error.getDefaultMessage())));
        return invalid(ex, errors, headers, status, request);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldErrors.FieldError> errors = new ArrayList<>();
        for (ParameterValidationResult result : ex.getParameterValidationResults()) {
            if (result instanceof ParameterErrors bean && result.getArgument() != null) {
                boolean body = result.getMethodParameter().hasParameterAnnotation(RequestBody.class);
                bean.getFieldErrors().forEach(error -> errors.add(new FieldErrors.FieldError(
                        body ? jsonNames.of(result.getArgument().getClass(), error.getField()) : error.getField(),
                        error.getDefaultMessage())));
            }
            else {
                String name = sentName(result.getMethodParameter());
                result.getResolvableErrors().forEach(error -> errors.add(new FieldErrors.FieldError(name,
                        error.getDefaultMessage())));
            }
        }
        return invalid(ex, errors, headers, status, request);
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        String field = ex instanceof MethodArgumentTypeMismatchException argument ? sentName(argument.getParameter())
                : ex.getPropertyName();
        return invalid(ex, List.of(new FieldErrors.FieldError(field, WRONG_TYPE)), headers, status, request);
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return invalid(ex, List.of(new FieldErrors.FieldError(ex.getParameterName(), "is required")), headers, status,
                request);
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestPart(MissingServletRequestPartException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return invalid(ex, List.of(new FieldErrors.FieldError(ex.getRequestPartName(), "is required")), headers,
                status, request);
    }

    /** A body Jackson could not read: the field it stopped at when there is one, else the body as a whole. */
    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (ex.getCause() instanceof JacksonException jackson && !jackson.getPath().isEmpty()) {
            StringBuilder field = new StringBuilder();
            for (JacksonException.Reference reference : jackson.getPath()) {
                if (reference.getPropertyName() != null) {
                    field.append(field.isEmpty() ? "" : ".").append(reference.getPropertyName());
                }
                else {
                    field.append('[').append(reference.getIndex()).append(']');
                }
            }
            String message = jackson instanceof UnrecognizedPropertyException ? "is not a known field" : WRONG_TYPE;
            return invalid(ex, List.of(new FieldErrors.FieldError(field.toString(), message)), headers, status,
                    request);
        }
        ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "The request body is not valid JSON.");
        body.setTitle("Unreadable request");
        return handleExceptionInternal(ex, body, headers, status, request);
    }

    private ResponseEntity<Object> invalid(Exception ex, List<FieldErrors.FieldError> errors, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        ProblemDetail body = ProblemDetail.forStatus(status);
        body.setTitle(TITLE);
        return handleExceptionInternal(ex, new FieldErrors(errors).describe(body), headers, status, request);
    }

    /** The name a parameter has in the request: its query, path, header or part name, else its Java name. */
    private static String sentName(MethodParameter parameter) {
        RequestParam query = parameter.getParameterAnnotation(RequestParam.class);
        PathVariable path = parameter.getParameterAnnotation(PathVariable.class);
        RequestHeader header = parameter.getParameterAnnotation(RequestHeader.class);
        RequestPart part = parameter.getParameterAnnotation(RequestPart.class);
        String named = query != null ? either(query.name(), query.value())
                : path != null ? either(path.name(), path.value())
                : header != null ? either(header.name(), header.value())
                : part != null ? either(part.name(), part.value()) : "";
        return named.isEmpty() ? parameter.getParameterName() : named;
    }

    private static String either(String name, String value) {
        return name.isEmpty() ? value : name;
    }
}
