-- Redaction proposals (脱敏建议) for a letter whose reply was approved, and the moderator's review
-- of them. Private: `text` is the passage itself, shown to staff only; nothing here is public.
-- Offsets are char offsets into the stored title, body or reply_text, end exclusive.
create table redaction_proposals (
    id            bigint generated always as identity primary key,
    letter_id     bigint           not null references letters (id),
    target        text             not null check (target in ('letter', 'reply', 'title')),
    start_offset  integer          not null check (start_offset >= 0),
    end_offset    integer          not null check (end_offset > start_offset),
    kind          text             not null,
    text          text             not null,
    score         double precision not null check (score >= 0 and score <= 1),
    explanation   text             not null,
    status        text             not null check (status in ('proposed', 'accepted', 'removed', 'added')),
    -- The writer's own name, phone or e-mail: always redacted, whatever the review says.
    writer_field  boolean          not null default false,
    reviewed_by   text,
    reviewed_at   timestamptz
);

create index redaction_proposals_letter_idx on redaction_proposals (letter_id, target, start_offset);
