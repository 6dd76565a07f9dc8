-- Per subject (a username or an API key's client id), the moment before which its tokens no longer count: set when an
-- account is disabled, its role changed or its password reset by an administrator, or an API key revoked. Published
-- at /.well-known/revoked-sessions.json for every service to refuse those tokens before they expire.
create table revoked_sessions (
    subject        text        primary key,
    issued_before  timestamptz not null
);
