-- Tables every service has, owned by the service platform. Service migrations live in db/migration and start at V1.

-- Transactional outbox: written in the same transaction as the step's state, relayed to Kafka in id order.
create table outbox_event (
    id               bigserial primary key,
    event_id         uuid         not null unique,
    job_id           uuid         not null,
    topic            varchar(200) not null,
    cloud_event_type varchar(200) not null,
    payload          text         not null,
    occurred_at      timestamptz  not null,
    published_at     timestamptz,
    publish_attempts int          not null default 0,
    last_error       text
);
create index outbox_event_unpublished on outbox_event (id) where published_at is null;

-- Idempotent consumption: inserted first, in the handler's transaction; a duplicate key means "already done".
create table processed_event (
    consumer     varchar(200) not null,
    event_id     uuid         not null,
    processed_at timestamptz  not null default now(),
    primary key (consumer, event_id)
);

-- The state of this service's step for each job.
create table step_execution (
    job_id         uuid        primary key,
    step           varchar(20) not null,
    status         varchar(20) not null,
    attempts       int         not null default 0,
    input_event_id uuid,
    started_at     timestamptz,
    finished_at    timestamptz,
    result         text,
    error_code     varchar(100),
    error_message  text,
    updated_at     timestamptz not null default now()
);

-- Log lines per job: persisted here, published to the logs topic, streamed as SSE.
create table job_log (
    id        bigserial primary key,
    job_id    uuid         not null,
    step      varchar(20),
    level     varchar(10)  not null,
    message   text         not null,
    logged_at timestamptz  not null
);
create index job_log_by_job on job_log (job_id, id);
