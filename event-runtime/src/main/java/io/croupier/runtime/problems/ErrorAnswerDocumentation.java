package io.croupier.runtime.problems;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import jakarta.validation.Valid;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.core.MethodParameter;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.HttpStatus;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.ValueConstants;
import org.springframework.web.method.HandlerMethod;

/**
 * Documents each operation's error answers as RFC 9457 problem details ({@code application/problem+json}, the
 * {@value #SCHEMA} schema): the 400 Spring MVC answers on its own when it cannot bind the request (an unreadable or
 * invalid body, a required parameter missing, a value of the wrong type), derived from the handler's parameters, and
 * every {@link ErrorAnswer} the handler declares. A response the service documents itself (a seed's own error body)
 * is left as it is.
 */
final class ErrorAnswerDocumentation implements OperationCustomizer, OpenApiCustomizer {

    static final String SCHEMA = "Problem";

    private static final String PROBLEM_JSON = "application/problem+json";

    @Override
    public Operation customize(Operation operation, HandlerMethod handler) {
        Map<Integer, List<Answer>> declared = AnnotatedElementUtils
            .findMergedRepeatableAnnotations(handler.getMethod(), ErrorAnswer.class, ErrorAnswers.class)
            .stream()
            .map(Answer::of)
            .collect(Collectors.groupingBy(Answer::status, LinkedHashMap::new, Collectors.toList()));
        if (operation.getResponses() == null) {
            operation.setResponses(new ApiResponses());
        }
        declared.forEach((status, answers) -> document(operation.getResponses(), status, answers));
        if (!declared.containsKey(400)) {
            bindingFailure(handler).ifPresent(answer -> document(operation.getResponses(), 400, List.of(answer)));
        }
        return operation;
    }

    @Override
    public void customise(OpenAPI openApi) {
        openApi.schema(SCHEMA, new ObjectSchema()
            .description("RFC 9457 problem details. Extension members may follow, e.g. `errors`: every invalid field.")
            .addProperty("type", new StringSchema().example("about:blank"))
            .addProperty("title", new StringSchema().example("Not Found"))
            .addProperty("status", new IntegerSchema().example(404))
            .addProperty("detail", new StringSchema())
            .addProperty("instance", new StringSchema().description("the path that was called"))
            .addProperty("errors", new ArraySchema().items(new ObjectSchema()
                .addProperty("field", new StringSchema())
                .addProperty("message", new StringSchema()))
                .description("where the service names the invalid fields: one entry per field")));
    }

    private static void document(ApiResponses responses, int status, List<Answer> answers) {
        String code = Integer.toString(status);
        if (responses.containsKey(code) && responses.get(code).getContent() != null
                && !responses.get(code).getContent().containsKey("*/*")) {
            return;
        }
        MediaType problem = new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + SCHEMA));
        if (answers.size() == 1) {
            problem.example(example(answers.get(0)));
        }
        else {
            answers.forEach(answer -> problem.addExamples(answer.when(), new Example().summary(answer.when())
                .value(example(answer))));
        }
        responses.addApiResponse(code, new ApiResponse()
            .description(answers.stream().map(Answer::when).collect(Collectors.joining("; or ")))
            .content(new Content().addMediaType(PROBLEM_JSON, problem)));
    }

    private static Map<String, Object> example(Answer answer) {
        Map<String, Object> example = new LinkedHashMap<>();
        example.put("type", "about:blank");
        example.put("title", answer.title().isEmpty() ? HttpStatus.valueOf(answer.status()).getReasonPhrase()
                : answer.title());
        example.put("status", answer.status());
        example.put("detail", answer.detail());
        if (!answer.field().isEmpty()) {
            example.put("errors", List.of(Map.of("field", answer.field(), "message",
                    answer.detail().substring(answer.detail().indexOf(':') + 1).strip())));
        }
        return example;
    }

    /** The 400 Spring MVC answers before the handler runs, when this handler's parameters can cause one. */
    private static Optional<Answer> bindingFailure(HandlerMethod handler) {
        for (MethodParameter parameter : handler.getMethodParameters()) {
            if (parameter.hasParameterAnnotation(RequestBody.class)) {
                return Optional.of(validated(parameter)
                        ? invalid("The body misses a required field, has an invalid one or is not JSON", "<property>",
                                "must not be blank")
                        : new Answer(400, "The body is not valid JSON or a value has the wrong type",
                                "The request body is not valid JSON.", "Unreadable request", ""));
            }
        }
        for (MethodParameter parameter : handler.getMethodParameters()) {
            RequestParam query = parameter.getParameterAnnotation(RequestParam.class);
            RequestHeader header = parameter.getParameterAnnotation(RequestHeader.class);
            PathVariable path = parameter.getParameterAnnotation(PathVariable.class);
            String name = query != null ? named(query.name(), query.value(), parameter)
                    : header != null ? named(header.name(), header.value(), parameter)
                    : path != null ? named(path.name(), path.value(), parameter) : parameter.getParameterName();
            if (query != null && query.required() && ValueConstants.DEFAULT_NONE.equals(query.defaultValue())
                    && parameter.getParameterType() != Optional.class) {
                return Optional.of(invalid("A required parameter is missing or has the wrong type", name,
                        "is required"));
            }
            if (parameter.hasParameterAnnotation(RequestPart.class)) {
                return Optional.of(invalid("A required part of the upload is missing", name, "is required"));
            }
            if ((query != null || header != null || path != null) && converted(parameter)) {
                return Optional.of(invalid("A parameter has the wrong type", name, "has the wrong type or format"));
            }
            if (validated(parameter)) {
                return Optional.of(invalid("A parameter is not valid", name, "is not valid"));
            }
        }
        return Optional.empty();
    }

    private static boolean validated(MethodParameter parameter) {
        return parameter.hasParameterAnnotation(Valid.class) || parameter.hasParameterAnnotation(Validated.class)
                || AnnotatedElementUtils.hasAnnotation(parameter.getContainingClass(), Validated.class)
                        && Arrays.stream(parameter.getParameterAnnotations())
                            .anyMatch(annotation -> annotation.annotationType().getPackageName()
                                .startsWith("jakarta.validation.constraints"));
    }

    /** Whether the value is converted from text, so that a malformed one is a 400. */
    private static boolean converted(MethodParameter parameter) {
        Class<?> type = parameter.nestedIfOptional().getNestedParameterType();
        return type != String.class && type != Object.class && !Map.class.isAssignableFrom(type)
                && !(List.class.isAssignableFrom(type) && parameter.getGenericParameterType().getTypeName()
                    .contains("String"));
    }

    private static String named(String name, String value, MethodParameter parameter) {
        return !name.isEmpty() ? name : !value.isEmpty() ? value : parameter.getParameterName();
    }

    /** The 400 {@link ValidationProblems} answers, naming the field. */
    private static Answer invalid(String when, String field, String message) {
        return new Answer(400, when, field + ": " + message, ValidationProblems.TITLE, field);
    }

    /** One documented error answer: declared by the handler, or the framework's own 400. */
    private record Answer(int status, String when, String detail, String title, String field) {

        static Answer of(ErrorAnswer declared) {
            return new Answer(declared.status(), declared.when(), declared.detail(), declared.title(),
                    declared.field());
        }
    }
}
