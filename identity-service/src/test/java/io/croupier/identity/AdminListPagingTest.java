package io.croupier.identity;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import io.croupier.embedded.ServiceHttp.Answer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code GET /admin/accounts} and {@code GET /admin/api-keys}: newest first, paged by the platform's cursor. */
@IdentityServiceTest
class AdminListPagingTest {

    @LocalServerPort
    int port;

    IdentityApi api;

    String admin;

    @BeforeEach
    void client() {
        api = new IdentityApi(port);
        admin = api.adminToken();
    }

    @Test
    void everyAccountIsOnExactlyOnePageNewestFirst() {
        List<String> newestFirst = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            newestFirst.add(0, api.createAccount(admin, "ANALYST", null, "a long enough password"));
        }

        List<JsonNode> accounts = walk("/admin/accounts");

        assertThat(accounts).extracting(account -> account.path("id").asLong()).doesNotHaveDuplicates()
            .isSortedAccordingTo(Comparator.reverseOrder());
        assertThat(accounts).extracting(account -> account.path("username").asString())
            .filteredOn(newestFirst::contains).containsExactlyElementsOf(newestFirst);
    }

    @Test
    void everyApiKeyIsOnExactlyOnePageNewestFirst() {
        List<String> newestFirst = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Answer created = api.post("/admin/api-keys", """
                    {"name":"paged","role":"ANALYST"}""", admin);
            assertThat(created.status()).isEqualTo(201);
            newestFirst.add(0, created.json().path("client_id").asString());
        }

        List<JsonNode> keys = walk("/admin/api-keys");

        assertThat(keys).extracting(key -> key.path("id").asLong()).doesNotHaveDuplicates()
            .isSortedAccordingTo(Comparator.reverseOrder());
        assertThat(keys).extracting(key -> key.path("client_id").asString())
            .filteredOn(newestFirst::contains).containsExactlyElementsOf(newestFirst);
        assertThat(keys).as("the secret is shown once, at creation")
            .allSatisfy(key -> assertThat(key.has("client_secret")).isFalse());
    }

    @Test
    void aTamperedCursorOrATooLargeLimitIsABadRequestNamingTheField() {
        for (String list : List.of("/admin/accounts", "/admin/api-keys")) {
            api.as(admin).refusesBadPaging(list);
        }
    }

    /** Every page of {@code list}, two rows a page, in the order the pages came. */
    private List<JsonNode> walk(String list) {
        List<JsonNode> items = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Answer answer = api.get(list + "?limit=2" + (cursor == null ? "" : "&cursor=" + cursor), admin);
            assertThat(answer.status()).as(answer.body()).isEqualTo(200);
            JsonNode page = answer.json();
            assertThat(page.path("items").size()).isLessThanOrEqualTo(2);
            page.path("items").forEach(items::add);
            cursor = page.path("next_cursor").isNull() ? null : page.path("next_cursor").asString();
            pages++;
        }
        while (cursor != null);
        assertThat(pages).isGreaterThanOrEqualTo(3);
        return items;
    }
}
