-- The offer catalogue (seed 001) with the house slug of seed 003, the partner key of seed 004 and the deal terms
-- commission-service applies. Deal terms are versioned: every change bumps deal_version and moves deal_effective_from.
create table offers (
    id                  bigserial        primary key,
    name                text             not null,
    casino_url          text             not null,
    weight              double precision not null default 1.0,
    postback_secret     text             not null,
    active              boolean          not null default true,
    house_slug          text,
    partner_key         text,
    deal_version        integer          not null,
    deal_effective_from timestamptz      not null,
    cpa_amount          numeric,
    min_deposit         numeric,
    revshare_percent    numeric,
    currency            char(3)          not null,
    negative_carry_over boolean          not null default false,
    -- Set by the first click routed to the offer: from then on a delete only deactivates it.
    first_click_at      timestamptz,
    created_at          timestamptz      not null default now(),
    updated_at          timestamptz      not null default now(),
    constraint offers_postback_secret_key unique (postback_secret),
    constraint offers_house_slug_key unique (house_slug),
    constraint offers_partner_key_key unique (partner_key),
    constraint offers_weight_check check (weight >= 0),
    constraint offers_cpa_amount_check check (cpa_amount >= 0),
    constraint offers_min_deposit_check check (min_deposit >= 0),
    constraint offers_revshare_percent_check check (revshare_percent between 0 and 100)
);
