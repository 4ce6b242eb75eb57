-- The workflow's facts (units, signatures, timer, pending extension...) as the state machine
-- reads them, plus the columns the queues filter on.
alter table letters add column workflow jsonb;
alter table letters add column assigned_units text[] not null default '{}';
alter table letters add column restricted boolean not null default false;
alter table letters add column published boolean not null default false;
-- The citizen sees a reply once the moderator has approved it (审核).
alter table letters add column reply_approved_at timestamptz;

create index letters_units_idx on letters using gin (assigned_units);
create index letters_deadline_idx on letters (deadline_at) where deadline_at is not null;

-- Units (承办单位): departments, districts, companies. Each may also own a unit mailbox.
create table units (
    code        text        primary key,
    name        text        not null,
    kind        text        not null,
    created_at  timestamptz not null
);
