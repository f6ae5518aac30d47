-- Idempotency-Key of POST /api/agents, per client: the same key and body give the same job.
create table idempotency_key (
    client_id       varchar(200) not null,
    idempotency_key varchar(200) not null,
    request_hash    char(64)     not null,
    -- deferred: the key is claimed first, before the job it leads to exists
    job_id          uuid         not null references agent_job (id) deferrable initially deferred,
    created_at      timestamptz  not null,
    primary key (client_id, idempotency_key)
);
