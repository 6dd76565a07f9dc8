package io.croupier.access;

import java.util.Map;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import static io.croupier.access.Role.ADMIN;
import static io.croupier.access.Role.ANALYST;
import static io.croupier.access.Role.MANAGER;
import static io.croupier.access.Role.PUBLISHER;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.POST;

/** A service with one endpoint of each kind the platform knows. */
@SpringBootApplication
class AccessTestApplication {

    @Component
    static class TestServiceAccess implements AccessRules {

        @Override
        public void declare(Endpoints endpoints) {
            endpoints.publicly(GET, "/open")
                .hotPath("/hot")
                .permit(GET, "/lobby/reserved", ADMIN)
                .publicly(GET, "/lobby/**")
                .permit(GET, "/reports", ADMIN, MANAGER, ANALYST)
                .permit(POST, "/things", ADMIN, MANAGER)
                .permit(GET, "/publishers/{publisherId}/earnings", ADMIN, MANAGER, ANALYST, PUBLISHER);
        }
    }

    @RestController
    static class TestEndpoints {

        @GetMapping("/open")
        Map<String, String> open() {
            return Map.of("who", Caller.current().map(Caller::name).orElse("anonymous"));
        }

        @GetMapping("/hot")
        Map<String, String> hot() {
            return Map.of("served", "without filters");
        }

        @GetMapping("/lobby/{room}")
        Map<String, String> lobby(@PathVariable String room) {
            return Map.of("room", room);
        }

        @GetMapping("/reports")
        Map<String, String> reports() {
            return Map.of("caller", Caller.current().orElseThrow().name());
        }

        @PostMapping("/things")
        Map<String, String> createThing() {
            return Map.of("created", "yes");
        }

        @GetMapping("/undeclared")
        Map<String, String> undeclared() {
            return Map.of("only", "admins");
        }

        @GetMapping("/publishers/{publisherId}/earnings")
        Map<String, String> earnings(@PathVariable String publisherId, PublisherScope scope) {
            if (!scope.covers(publisherId)) {
                throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no publisher " + publisherId);
            }
            return Map.of("publisher", publisherId);
        }
    }
}
