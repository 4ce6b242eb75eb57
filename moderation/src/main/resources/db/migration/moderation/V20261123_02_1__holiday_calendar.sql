-- Holiday notices loaded by administrators (PUT /api/v1/staff/calendar/{year}), in the
-- holiday-cn format. They override the notices bundled in the jar for the same year, survive
-- restarts, and are picked up by every portal instance (each re-reads rows newer than the
-- last it saw).
create table holiday_calendar_years (
    year       integer     primary key,
    notice     jsonb       not null,
    loaded_at  timestamptz not null,
    loaded_by  text        not null
);
