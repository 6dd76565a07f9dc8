package io.croupier.analytics.arpdau;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;

import io.croupier.analytics.AnalyticsServiceTest;
import io.croupier.embedded.ServiceHttp;
import io.croupier.analytics.Inputs;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** The day's ARPDAU per campaign: net revenue over the players active that day, on hand-computed data. */
@AnalyticsServiceTest
class ArpdauTest {

    @LocalServerPort
    int port;

    private ServiceHttp api;

    private Inputs inputs;

    private String run;

    @BeforeEach
    void setUp() {
        api = new ServiceHttp(port, ServiceHttp.manager());
        inputs = new Inputs(api);
        run = UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void arpdauIsNetRevenueOverTheCampaignsActivePlayersPerCurrency() {
        inputs.purchases(
                "2025-02-20T09:00:00Z,a1-%1$s,30.00,USD,,A-%1$s".formatted(run),
                "2025-02-20T10:00:00Z,a2-%1$s,20.00,USD,,A-%1$s".formatted(run),
                "2025-02-20T11:00:00Z,a1-%1$s,25.00,BRL,,A-%1$s".formatted(run),
                "2025-02-20T12:00:00Z,b1-%1$s,10.00,USD,,B-%1$s".formatted(run),
                "2025-02-20T13:00:00Z,c1-%1$s,40.00,USD,,C-%1$s".formatted(run));
        inputs.sessions(
                "2025-02-20T08:00:00Z,a1-%s,".formatted(run),
                "2025-02-20T18:00:00Z,a1-%s,".formatted(run),
                "2025-02-20T09:30:00Z,a2-%s,".formatted(run),
                "2025-02-20T12:00:00Z,b1-%s,".formatted(run),
                "2025-02-20T15:00:00Z,s1-%1$s,A-%1$s".formatted(run),
                "2025-02-20T16:00:00Z,x1-%s,".formatted(run),
                "2025-02-21T00:00:00Z,b2-%1$s,B-%1$s".formatted(run));

        JsonNode report = inputs.report("2025-02-20", "arpdau_d1").json();

        JsonNode a = campaign(report, "A-" + run);
        assertThat(a.path("activePlayers").asLong()).isEqualTo(3);
        assertThat(a.path("revenue").toString()).isEqualTo("""
                [{"currency":"BRL","netRevenue":"25.00","arpdau":"8.3333"},\
                {"currency":"USD","netRevenue":"50.00","arpdau":"16.6667"}]""");
        assertThat(a.path("status").asString()).isEqualTo("OK");
        JsonNode b = campaign(report, "B-" + run);
        assertThat(b.path("activePlayers").asLong()).isEqualTo(1);
        assertThat(b.path("revenue").get(0).path("arpdau").asString()).isEqualTo("10.0000");
        JsonNode c = campaign(report, "C-" + run);
        assertThat(c.path("activePlayers").asLong()).isZero();
        assertThat(c.path("revenue").get(0).path("arpdau").isNull()).isTrue();
        assertThat(c.path("status").asString()).isEqualTo("NO_ACTIVE_PLAYERS");
        JsonNode none = campaign(report, null);
        assertThat(none.path("activePlayers").asLong()).isEqualTo(1);
        assertThat(none.path("revenue")).isEmpty();
        assertThat(none.path("status").asString()).isEqualTo("NO_REVENUE");
        assertThat(report.path("activePlayers").asLong()).isEqualTo(5);
        assertThat(report.path("totals").toString()).isEqualTo("""
                [{"currency":"BRL","netRevenue":"25.00","arpdau":"5.0000"},\
                {"currency":"USD","netRevenue":"100.00","arpdau":"20.0000"}]""");
    }

    @Test
    void playersWithAPlayerEventAreActiveTooAndCountOnceWithTheirSessions() {
        LocalDate day = LocalDate.now(ZoneOffset.UTC).minusDays(10);
        inputs.purchases("%sT09:00:00Z,e1-%s,12.00,USD,,E-%s".formatted(day, run, run));
        inputs.sessions("%sT08:00:00Z,e1-%s,".formatted(day, run));
        for (String player : new String[] { "e1-" + run, "e2-" + run }) {
            assertThat(api.post("/event", """
                    {"eventType":"login","playerId":"%s","timestampUtc":"%sT10:00:00Z"}""".formatted(player, day))
                .status()).isEqualTo(200);
        }
        inputs.sessions("%sT07:00:00Z,e2-%s,E-%s".formatted(day.minusDays(1), run, run));

        JsonNode report = inputs.report(day.toString(), "arpdau_d1").json();

        JsonNode e = campaign(report, "E-" + run);
        assertThat(e.path("activePlayers").asLong()).isEqualTo(2);
        assertThat(e.path("revenue").get(0).path("arpdau").asString()).isEqualTo("6.0000");
    }

    @Test
    void aSessionCorrectedToAnotherDayMovesItsPlayersActivityWithIt() {
        LocalDate day = LocalDate.now(ZoneOffset.UTC).minusDays(20);
        String campaign = "M-" + run;
        String session = "moved-" + run;
        importSession("", "%s,%sT23:50:00Z,m1-%s,%s".formatted(session, day, run, campaign));
        assertThat(activePlayers(day, campaign)).isEqualTo(1);

        importSession("?onConflict=replace", "%s,%sT00:10:00Z,m1-%s,%s".formatted(session, day.plusDays(1), run,
                campaign));

        assertThat(activePlayers(day, campaign)).as("the corrected session no longer starts that day").isZero();
        assertThat(activePlayers(day.plusDays(1), campaign)).isEqualTo(1);
    }

    private void importSession(String query, String row) {
        ServiceHttp.Answer response = api.post("/imports/sessions" + query, "text/csv",
                "session_id,session_start,user_id,campaign\n" + row);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json().path("rejected").asLong()).as(response.body()).isZero();
    }

    private long activePlayers(LocalDate day, String campaign) {
        for (JsonNode row : inputs.report(day.toString(), "arpdau_d1").json().path("campaigns")) {
            if (campaign.equals(row.path("campaign").asString())) {
                return row.path("activePlayers").asLong();
            }
        }
        return 0;
    }

    private static JsonNode campaign(JsonNode report, String campaign) {
        for (JsonNode row : report.path("campaigns")) {
            if (campaign == null ? row.path("campaign").isNull() : row.path("campaign").asString().equals(campaign)) {
                return row;
            }
        }
        throw new AssertionError("no " + campaign + " in " + report);
    }
}
