package io.croupier.frontdoor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

/** The front door's own JSON answers: its health, its documentation and RFC 9457 problem details. */
final class JsonAnswers {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private JsonAnswers() {
    }

    static void problem(HttpServletResponse response, int status, String title, String detail) throws IOException {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("title", title);
        problem.put("status", status);
        problem.put("detail", detail);
        respond(response, status, "application/problem+json", problem);
    }

    static void respond(HttpServletResponse response, int status, String contentType, Object body)
            throws IOException {
        response.setStatus(status);
        response.setContentType(contentType);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(JSON.writeValueAsString(body));
    }
}
