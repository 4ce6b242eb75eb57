-- The private letter store: everything the citizen wrote and everything staff did with it.
-- Nothing here is public; the publication module keeps its own tables of redacted records.

create table letters (
    id                   bigint generated always as identity primary key,
    tracking_number      text        not null unique,
    mailbox              text        not null,
    nature               text        not null,
    field                text        not null,
    region               text        not null,
    title                text        not null,
    body                 text        not null,
    writer_name          text,
    writer_phone         text,
    writer_email         text,
    anonymous            boolean     not null,
    publication_consent  boolean     not null,
    channel              text        not null,
    client_ip            text,
    locale               text        not null default 'zh-CN',
    access_code_hash     bytea       not null,
    state                text        not null,
    received_at          timestamptz not null,
    current_unit         text,
    deadline_at          timestamptz,
    reply_text           text,
    replied_at           timestamptz,
    feedback_satisfaction text,
    feedback_comment     text,
    feedback_at          timestamptz,
    -- Optimistic locking: two moderators acting at once cannot both win.
    version              integer     not null default 0
);

create index letters_state_idx on letters (state, received_at);

-- One counter row per day gives "one item, one number" tracking numbers that read well
-- (SZ20261122-00042) and lets a batch of submissions reserve a block of numbers at once.
create table tracking_counters (
    day        date    primary key,
    last_value integer not null
);

-- The audit trail: append-only, enforced below, so nothing can quietly rewrite history.
create table letter_events (
    id          bigint generated always as identity primary key,
    letter_id   bigint      not null references letters (id),
    at          timestamptz not null,
    actor       text        not null,
    role        text        not null,
    action      text        not null,
    from_state  text,
    to_state    text,
    unit        text,
    comment     text,
    -- Whether the citizen sees this step on the tracking page (assignment to a unit, the reply...).
    visible_to_citizen boolean not null default false
);

create index letter_events_letter_idx on letter_events (letter_id, id);

create function letter_events_are_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'letter_events is append-only (% refused)', tg_op;
end;
$$;

create trigger letter_events_append_only
    before update or delete on letter_events
    for each statement execute function letter_events_are_append_only();
