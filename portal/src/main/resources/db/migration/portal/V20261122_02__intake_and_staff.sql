-- A retried submission with the same Idempotency-Key gets the first answer, not a second letter.
-- Only hashes are kept: the key and the request are the client's, the access code is never stored.
create table idempotency_keys (
    key_hash      bytea       primary key,
    request_hash  bytea       not null,
    letter_id     bigint      not null references letters (id),
    first_status  text        not null,
    created_at    timestamptz not null
);

-- Server-side secrets generated on first start (for instance the key that derives access codes
-- for idempotent retries), so every portal instance on the same database agrees on them.
create table server_secrets (
    name   text  primary key,
    value  bytea not null
);

create table staff_users (
    username      text        primary key,
    password_hash text        not null,
    roles         text[]      not null,
    unit_code     text,
    enabled       boolean     not null default true,
    created_at    timestamptz not null
);
