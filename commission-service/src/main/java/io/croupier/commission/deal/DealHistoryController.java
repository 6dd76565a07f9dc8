package io.croupier.commission.deal;

import java.util.List;

import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * An offer's deal versions over time, as commission-service read them from the offers topic: the terms each ledger
 * entry's {@code deal_version} names. Empty for an offer this service has not heard of.
 */
@Tag(name = "Deal history", description = "Every version of an offer's deal, oldest first, as commission-service "
        + "applies them.")
@RestController
class DealHistoryController {

    private final JdbcClient jdbc;

    DealHistoryController(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @GetMapping("/deals/{offerId}/versions")
    List<Deal> versions(@PathVariable String offerId) {
        return jdbc.sql("select * from deal_versions where offer_id = :offerId order by version")
            .param("offerId", offerId)
            .query(DealReplica::deal)
            .list();
    }
}
