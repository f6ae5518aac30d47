-- What GET /api/agents/{jobId}/events streams: log lines of all five services and the registry's own step and job
-- transitions. id is this registry's sequence: SSE event ids, and what Last-Event-ID resumes after.
create table job_event (
    id              bigserial    primary key,
    job_id          uuid         not null,
    kind            varchar(10)  not null,
    service         varchar(100),
    step            varchar(20),
    status          varchar(20),
    level           varchar(10),
    attempts        int,
    message         text,
    occurred_at     timestamptz  not null,
    source_event_id uuid         unique
);
create index job_event_by_job on job_event (job_id, id);
