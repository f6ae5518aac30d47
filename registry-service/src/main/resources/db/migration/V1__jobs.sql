-- A job, as gateway clients see it: built from the request and from the pipeline's events.
create table agent_job (
    id               uuid primary key,
    agent_name       varchar(48)  not null,
    model_id         varchar(200) not null,
    spec             text         not null,
    status           varchar(20)  not null,
    requested_by     varchar(200) not null,
    request_event_id uuid         not null,
    created_at       timestamptz  not null,
    updated_at       timestamptz  not null,
    finished_at      timestamptz,
    failure          text
);
create index agent_job_by_created on agent_job (created_at desc);

-- One row per job and step; filled from the step's events, whatever order they arrive in.
create table job_step (
    job_id        uuid        not null references agent_job (id),
    step          varchar(20) not null,
    status        varchar(20) not null,
    attempts      int         not null default 0,
    started_at    timestamptz,
    finished_at   timestamptz,
    result        text,
    error_code    varchar(100),
    error_message text,
    primary key (job_id, step)
);
