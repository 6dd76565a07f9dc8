-- Per offer (or house): whether its calls must be signed, the signing secrets (Tink AEAD ciphertexts, associated data
-- 'inbound-signing-secret:<offer_id>'), and the source addresses it may call from. No row: the seeds' own
-- identification alone, as they integrate.
create table inbound_policies (
    offer_id                text        primary key,
    signature_required      boolean     not null default false,
    signing_secret          bytea,
    -- The last four characters, so the admin API can show which secret is set without decrypting it.
    signing_secret_hint     text,
    -- The secret the current one replaced, still accepted until previous_valid_until.
    previous_signing_secret bytea,
    previous_valid_until    timestamptz,
    allowed_sources         text[]      not null default '{}',
    updated_at              timestamptz not null
);

-- Signed message ids accepted per offer, claimed in the transaction that accepts the call: a replay is refused. Kept
-- twice the signature tolerance; older timestamps are refused anyway.
create table inbound_messages (
    offer_id    text        not null,
    message_id  text        not null,
    received_at timestamptz not null,
    primary key (offer_id, message_id)
);

create index inbound_messages_received_at on inbound_messages (received_at);
