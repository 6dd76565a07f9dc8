package io.croupier.analytics.pipeline;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Keeps a pipeline run's view of its inputs still: writers of inputs (imports, Croupier's deposits) hold it shared for
 * their transaction, a run holds it exclusively for its own. A run therefore sees every input as of one moment, and
 * an import never lands between two of its steps. Also serialises runs across instances.
 */
@Component
public class InputsLock {

    private final JdbcClient jdbc;

    InputsLock(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void shared() {
        jdbc.sql("select pg_advisory_xact_lock_shared(hashtext(current_schema() || '.pipeline-inputs'))")
            .query()
            .singleRow();
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void exclusive() {
        jdbc.sql("select pg_advisory_xact_lock(hashtext(current_schema() || '.pipeline-inputs'))").query().singleRow();
    }
}
