-- What intake screening found, kept with the letter for the moderator (never public).
create table letter_screening (
    letter_id            bigint           primary key references letters (id),
    spam_score           double precision not null,
    quarantined          boolean          not null,
    reasons              text[]           not null default '{}',
    scope_flags          text[]           not null default '{}',
    duplicate_of         bigint           references letters (id),
    duplicate_similarity double precision,
    same_sender          boolean,
    -- The MinHash signature, so the near-duplicate index can be rebuilt after a restart.
    signature            bytea
);
