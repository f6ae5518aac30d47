-- One row per job's test run; its checks are the job's test_check rows.
create table test_run (
    job_id          uuid         primary key,
    target          varchar(20)  not null,
    runtime_id      varchar(300),
    started_at      timestamptz  not null,
    finished_at     timestamptz  not null,
    passed          boolean      not null,
    checks_passed   integer      not null,
    checks_failed   integer      not null,
    latency_p50_ms  bigint,
    latency_p95_ms  bigint,
    summary         varchar(2000) not null,
    runtime_logs    text
);

-- Checks stored before runs were: keep them readable as runs of an unknown target.
insert into test_run (job_id, target, started_at, finished_at, passed, checks_passed, checks_failed, summary)
select job_id, 'UNKNOWN', min(checked_at), max(checked_at), bool_and(passed),
       count(*) filter (where passed), count(*) filter (where not passed), 'tested before test reports were kept'
from test_check
group by job_id;

alter table test_check
    add column prompt  text,
    add column excerpt text,
    add constraint test_check_of_run foreign key (job_id) references test_run (job_id) on delete cascade;
