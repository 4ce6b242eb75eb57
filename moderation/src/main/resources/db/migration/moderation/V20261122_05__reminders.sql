-- One row per letter and working day a reminder (催办) went out. The primary key is the lock:
-- when several portal instances supervise at once, only the one whose insert succeeds reminds.
create table letter_reminders (
    letter_id  bigint      not null references letters (id),
    day        date        not null,
    sent_at    timestamptz not null,
    primary key (letter_id, day)
);
