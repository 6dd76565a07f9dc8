-- A rotation may keep the replaced postback secret or partner key working for a while, so that a casino can switch
-- to the new one without a postback being refused meanwhile. Only its look-up digest is kept, and until when.
alter table offers
    add column previous_postback_secret_digest text,
    add column previous_postback_secret_until  timestamptz,
    add column previous_partner_key_digest     text,
    add column previous_partner_key_until      timestamptz;
