package io.croupier.forwarder.publisher;

import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Says whether a postback URL template would be accepted, by the very parser that checks it when a publisher is saved,
 * so the console can show a template's problem while it is typed without a copy of the rules.
 */
@Tag(name = "Postback URL check", description = "Whether a publisher's postback URL template would be saved, and the "
        + "save's own problem when not.")
@RestController
class PostbackUrlCheckController {

    @PostMapping("/admin/publishers/postback-url-check")
    Check check(@RequestBody Candidate candidate) {
        try {
            PostbackTemplate.parse(candidate.postbackUrl());
            return new Check(true, null);
        }
        catch (InvalidPostbackTemplateException e) {
            return new Check(false, e.getReason());
        }
    }

    record Candidate(String postbackUrl) {
    }

    /** @param problem what saving the template would answer, when it is not valid */
    record Check(boolean valid, String problem) {
    }
}
