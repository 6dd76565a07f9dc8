-- A rotation may keep an offer's replaced postback secret or partner key accepted until a given instant (click-service
-- decides it; the offers topic carries it), so that the casino can switch without a refused postback.
alter table offers
    add column previous_postback_secret_digest text,
    add column previous_postback_secret_until  timestamptz,
    add column previous_partner_key_digest     text,
    add column previous_partner_key_until      timestamptz;

create index offers_previous_postback_secret_digest on offers (previous_postback_secret_digest)
    where previous_postback_secret_digest is not null;
create index offers_previous_partner_key_digest on offers (previous_partner_key_digest)
    where previous_partner_key_digest is not null;
