-- Operator and publisher accounts. Passwords only as adaptive hashes ({bcrypt}... from Spring Security's encoders).
create table accounts (
    id                  bigserial   primary key,
    username            text        not null,
    password_hash       text        not null,
    role                text        not null check (role in ('ADMIN', 'MANAGER', 'ANALYST', 'PUBLISHER')),
    publisher_id        text,
    enabled             boolean     not null default true,
    failed_logins       integer     not null default 0,
    locked_until        timestamptz,
    created_at          timestamptz not null,
    updated_at          timestamptz not null,
    password_changed_at timestamptz not null,
    last_login_at       timestamptz,
    constraint accounts_publisher_of_publishers_only check ((role = 'PUBLISHER') = (publisher_id is not null))
);
create unique index accounts_username on accounts (lower(username));

-- Machine clients: the secret is shown once and kept only as its SHA-256 (it is 256 random bits, see ApiKeys).
create table api_keys (
    id           bigserial   primary key,
    client_id    text        not null unique,
    name         text        not null,
    role         text        not null check (role in ('ADMIN', 'MANAGER', 'ANALYST', 'PUBLISHER')),
    publisher_id text,
    secret_hash  bytea       not null,
    created_by   text        not null,
    created_at   timestamptz not null,
    expires_at   timestamptz,
    last_used_at timestamptz,
    revoked_at   timestamptz,
    constraint api_keys_publisher_of_publishers_only check ((role = 'PUBLISHER') = (publisher_id is not null))
);

-- Token signing keys, shared by every identity instance. The private half is encrypted (JWE, A256GCM) with the key
-- from croupier.identity.signing-keys.encryption-key; the public half is published until the last token it signed
-- has expired.
create table signing_keys (
    kid                   text        primary key,
    public_jwk            text        not null,
    private_jwk_encrypted text        not null,
    created_at            timestamptz not null,
    retired_at            timestamptz
);
create index signing_keys_newest on signing_keys (created_at desc);

-- The audit trail of every service, from croupier.audit. Append-only.
create table audit_log (
    seq                bigserial   primary key,
    event_id           text        not null unique,
    occurred_at        timestamptz not null,
    service            text        not null,
    actor_subject      text        not null,
    actor_name         text        not null,
    actor_roles        text[]      not null,
    actor_publisher_id text,
    action             text        not null,
    object_type        text        not null,
    object_id          text        not null,
    before             jsonb,
    after              jsonb,
    changed_fields     text[]      not null,
    received_at        timestamptz not null default now()
);
create index audit_log_object on audit_log (object_type, object_id, seq);
create index audit_log_actor on audit_log (actor_subject, seq);
create index audit_log_occurred on audit_log (occurred_at);

create function audit_log_is_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'audit_log is append-only';
end
$$;
create trigger audit_log_append_only before update or delete on audit_log
    for each row execute function audit_log_is_append_only();
