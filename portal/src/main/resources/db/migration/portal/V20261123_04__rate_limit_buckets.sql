-- The shared rate-limit store (portal.rate-limits.store=postgresql): one row per token
-- bucket, the state serialised by Bucket4j and swapped only if unchanged since read.
-- Unlogged: no write-ahead log for a row written on every limited request; after a crash
-- the table is empty and every client starts with a full bucket, which loses nothing a
-- citizen or the city needs. Rows expire once their bucket would be full again.
create unlogged table rate_limit_buckets (
    id         text        primary key,
    state      bytea       not null,
    expires_at timestamptz not null
);

create index rate_limit_buckets_expiry_idx on rate_limit_buckets (expires_at);
