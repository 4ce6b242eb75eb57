-- The public archive: only redacted, approved text is ever written here (publication module).
create table public_letters (
    tracking_number text primary key,
    mailbox         text        not null,
    nature          text        not null,
    field           text,
    region          text,
    units           text[]      not null default '{}',
    title           text        not null,
    letter          text,
    reply           text,
    received_at     timestamptz not null,
    accepted_at     timestamptz,
    assigned_at     timestamptz,
    replied_at      timestamptz,
    published_at    timestamptz not null,
    working_days    integer     not null check (working_days >= 0),
    limit_days      integer     not null check (limit_days >= 0),
    on_time         boolean     not null,
    reminders       integer     not null default 0 check (reminders >= 0),
    extension_days  integer     not null default 0 check (extension_days >= 0)
);

create index public_letters_received_at on public_letters (received_at);

-- The outbox feeding the search index and the static site: id is the sequence consumers resume from.
create table publication_log (
    id              bigserial   primary key,
    tracking_number text        not null,
    kind            text        not null check (kind in ('publish', 'withdraw')),
    at              timestamptz not null
);

-- Wakes listeners at commit; they still poll, so a lost notification only delays them.
create function publication_log_notify() returns trigger language plpgsql as $$
begin
    perform pg_notify('publication_log', new.id::text);
    return new;
end
$$;

create trigger publication_log_notify after insert on publication_log
    for each row execute function publication_log_notify();
