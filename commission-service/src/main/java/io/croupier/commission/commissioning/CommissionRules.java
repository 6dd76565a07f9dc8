package io.croupier.commission.commissioning;

import java.util.Map;

import io.croupier.commission.commissioning.Assessment.Effect;
import io.croupier.commission.deal.Deal;
import io.croupier.commission.money.Amount;

/**
 * What a deal pays for one conversion, as if it were approved (seed 003 for CPA and RevShare, seeds 001 and 004 for
 * reported payouts). Pure: the caller supplies the player's history and applies the effects.
 */
final class CommissionRules {

    private CommissionRules() {
    }

    static Assessment assess(Conversion conversion, Deal deal, PlayerState player) {
        if (deal.paysReportedPayout()) {
            return reportedPayout(conversion, deal);
        }
        return switch (conversion.kind()) {
            case REGISTRATION -> deal.hasCpa()
                    ? Assessment.of(Rule.REGISTRATION_AWAITING_DEPOSIT, zero(deal)).with(Effect.RECORD_REGISTRATION)
                    : Assessment.of(Rule.REGISTRATION_NOT_PAID, zero(deal));
            case DEPOSIT, FTD -> deal.hasCpa() ? cpa(conversion, deal, player)
                    : Assessment.of(Rule.DEPOSIT_NOT_PAID_UNDER_REVSHARE, zero(deal));
            case PROFIT -> deal.hasRevShare() ? revShare(conversion, deal, player)
                    : Assessment.of(Rule.PROFIT_NOT_PAID_UNDER_CPA, zero(deal));
            case CONVERSION, CHARGEBACK -> Assessment.of(Rule.NOT_PAID_UNDER_DEAL, zero(deal));
        };
    }

    /**
     * A chargeback's own entry under the deal's RevShare part: the charged-back amount is the casino's loss, so it
     * reduces the RevShare at once (negative revenue) or, with negative carry-over on, is carried against the
     * player's later profit. What the disputed deposit itself earned (a CPA) is reversed separately, within the deal's
     * clawback window. Null when the deal has no RevShare part or the amount cannot be compared with it.
     */
    static Assessment revShareChargeback(Conversion conversion, Deal deal, PlayerState player) {
        Amount charged = conversion.amount();
        if (!deal.hasRevShare() || charged == null || !charged.isPositive()
                || !charged.currency().equals(deal.currency())) {
            return null;
        }
        if (!deal.negativeCarryOver()) {
            return Assessment.of(Rule.REVSHARE_REDUCED_BY_CHARGEBACK,
                    charged.percent(deal.revSharePercent()).negate());
        }
        Amount none = Amount.zero(charged.currency());
        Amount carried = player.carriedLoss() == null ? none : player.carriedLoss();
        Amount after = carried.plus(charged);
        return Assessment.of(Rule.REVSHARE_CHARGEBACK_CARRIED_OVER, none)
            .carrying(after, Map.of("carried_loss_before", carried.toString(), "carried_loss_after", after.toString()));
    }

    private static Assessment reportedPayout(Conversion conversion, Deal deal) {
        Amount reported = conversion.reportedPayout();
        return reported == null ? Assessment.of(Rule.NO_REPORTED_PAYOUT, zero(deal))
                : Assessment.of(Rule.REPORTED_PAYOUT, reported);
    }

    /**
     * Seed 003's conditions in order: a deposit that is not the player's first never pays (seed 000); a registration
     * must have come first and not yet have qualified; the deposit must reach the minimum.
     */
    private static Assessment cpa(Conversion conversion, Deal deal, PlayerState player) {
        if (Boolean.FALSE.equals(conversion.firstDeposit())) {
            return Assessment.of(Rule.CPA_NOT_FIRST_DEPOSIT, zero(deal));
        }
        if (!player.openRegistration()) {
            return Assessment.of(player.cpaPaid() ? Rule.CPA_ALREADY_PAID : Rule.CPA_NO_PRIOR_REGISTRATION,
                    zero(deal));
        }
        Amount minimum = deal.minDeposit();
        if (minimum != null && minimum.isPositive()) {
            Amount deposit = conversion.amount();
            if (deposit == null) {
                return Assessment.of(Rule.CPA_DEPOSIT_AMOUNT_MISSING, zero(deal));
            }
            if (!deposit.currency().equals(minimum.currency())) {
                return Assessment.of(Rule.CPA_DEPOSIT_CURRENCY_MISMATCH, zero(deal));
            }
            if (deposit.compareTo(minimum) < 0) {
                return Assessment.of(Rule.CPA_BELOW_MIN_DEPOSIT, zero(deal));
            }
        }
        return Assessment.of(Rule.CPA_QUALIFIED, deal.cpaAmount()).with(Effect.QUALIFY_REGISTRATION);
    }

    /**
     * Seed 003: a percentage of a positive profit. With negative carry-over on, the player's wins are accumulated and
     * offset against later profit before the percentage applies; with it off they are recorded and forgotten.
     */
    private static Assessment revShare(Conversion conversion, Deal deal, PlayerState player) {
        Amount profit = conversion.amount();
        if (profit == null) {
            return Assessment.of(Rule.REVSHARE_PROFIT_AMOUNT_MISSING, zero(deal));
        }
        Amount none = Amount.zero(profit.currency());
        if (!deal.negativeCarryOver()) {
            return profit.isPositive() ? Assessment.of(Rule.REVSHARE, profit.percent(deal.revSharePercent()))
                    : Assessment.of(Rule.REVSHARE_NEGATIVE_PROFIT, none);
        }
        Amount carried = player.carriedLoss() == null ? none : player.carriedLoss();
        Assessment assessment;
        Amount after;
        if (!profit.isPositive()) {
            after = carried.minus(profit);
            assessment = Assessment.of(Rule.REVSHARE_LOSS_CARRIED_OVER, none);
        }
        else if (profit.compareTo(carried) <= 0) {
            after = carried.minus(profit);
            assessment = Assessment.of(Rule.REVSHARE_OFFSET_BY_CARRIED_LOSS, none);
        }
        else {
            after = none;
            Rule rule = carried.isZero() ? Rule.REVSHARE : Rule.REVSHARE_AFTER_CARRIED_LOSS;
            assessment = Assessment.of(rule, profit.minus(carried).percent(deal.revSharePercent()));
        }
        return assessment.carrying(after,
                Map.of("carried_loss_before", carried.toString(), "carried_loss_after", after.toString()));
    }

    private static Amount zero(Deal deal) {
        return Amount.zero(deal.currency());
    }
}
