-- Whether a qualifying first deposit's CPA payout waits for the payment gateway's confirmation; off for every deal
-- made before the setting existed, as for a new deal that does not ask for it.
alter table offers add column cpa_requires_confirmation boolean not null default false;
