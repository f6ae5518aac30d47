-- One row per check of a test run: health, each test case, or a static check when the runtime has no endpoint.
create table test_check (
    id          bigserial primary key,
    job_id      uuid         not null,
    name        varchar(200) not null,
    passed      boolean      not null,
    detail      text         not null,
    latency_ms  bigint,
    checked_at  timestamptz  not null
);
create index test_check_by_job on test_check (job_id, id);
