-- Citizen notifications (办理进度通知): one row per status change that matters to the writer,
-- inserted in the same transaction as the workflow step, so a step never happens without its
-- notice and a notice never exists for a step that was rolled back (a transactional outbox).
-- The tracking page reads every row; the mailer sends the 'pending' ones.
create table citizen_notifications (
    id              bigint generated always as identity primary key,
    letter_id       bigint      not null references letters (id),
    -- accepted, rejected, assigned, forwarded, replied, published
    kind            text        not null,
    -- The scope reason code of a rejection (不予受理的理由), the unit code of an assignment.
    reason          text,
    unit            text,
    created_at      timestamptz not null,
    -- pending: to be e-mailed; sent; failed (gave up after the last attempt);
    -- page_only: the writer gave no e-mail address, shown on the tracking page only.
    status          text        not null,
    attempts        integer     not null default 0,
    next_attempt_at timestamptz not null,
    -- A claim by one portal instance; another may take the row over once it has passed.
    lease_until     timestamptz,
    sent_at         timestamptz,
    last_error      text
);

create index citizen_notifications_letter_idx on citizen_notifications (letter_id, id);
create index citizen_notifications_due_idx on citizen_notifications (next_attempt_at) where status = 'pending';
