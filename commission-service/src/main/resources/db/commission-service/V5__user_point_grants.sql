-- Operators' grants of points (seed 002's POST /earn), next to the ledger's own movements in user_point_movements:
-- a grant is not a commission, so it has no ledger entry. The caller may name the grant, so a retried request adds
-- nothing; the balance itself stays in user_points, changed by one atomic upsert per movement.
create table user_point_grants (
    grant_id     text        primary key,
    publisher_id text        not null,
    user_id      text        not null,
    points       numeric     not null check (points > 0),
    reason       text        not null,
    -- the user's balance right after the grant, so a retried request answers exactly what the first one did
    balance_after numeric,
    granted_by   text        not null,
    granted_at   timestamptz not null
);
create index user_point_grants_user on user_point_grants (publisher_id, user_id, granted_at);
