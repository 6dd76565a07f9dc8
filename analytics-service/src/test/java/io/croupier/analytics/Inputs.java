package io.croupier.analytics;

import io.croupier.embedded.ServiceHttp;

import static org.assertj.core.api.Assertions.assertThat;

/** Loads input files through the import API, as an operator would, failing the test on any rejected row. */
public final class Inputs {

    private final ServiceHttp api;

    public Inputs(ServiceHttp api) {
        this.api = api;
    }

    public void purchases(String... rows) {
        load("purchases_raw",
                "event_time,customer_user_id,event_revenue,event_revenue_currency,transaction_id,campaign", rows);
    }

    public void confirmations(String... rows) {
        load("confirmed_purchases", "processed_at,user_id,amount,currency,transaction_id,status", rows);
    }

    public void costs(String... rows) {
        load("costs_daily", "date,campaign,spend,currency", rows);
    }

    public void sessions(String... rows) {
        load("sessions", "session_start,user_id,campaign", rows);
    }

    /** Runs the pipeline for the day and returns its report of {@code output}. */
    public ServiceHttp.Answer report(String day, String output) {
        ServiceHttp.Answer run = api.post("/run-pipeline?day=" + day, null);
        assertThat(run.status()).as(run.body()).isEqualTo(200);
        return api.get("/reports/" + output + "?day=" + day);
    }

    private void load(String file, String header, String... rows) {
        ServiceHttp.Answer response = api.post("/imports/" + file, "text/csv", header + "\n" + String.join("\n", rows));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json().path("rejected").asLong()).as(response.body()).isZero();
        assertThat(response.json().path("conflicts").asLong()).as(response.body()).isZero();
    }
}
