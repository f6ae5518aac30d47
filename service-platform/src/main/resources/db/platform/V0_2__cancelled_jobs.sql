-- Jobs cancelled through JobCancelled: no step starts for them afterwards.
create table cancelled_job (
    job_id       uuid primary key,
    cancelled_at timestamptz not null,
    reason       text
);
