create table deployment (
    job_id          uuid primary key,
    target          varchar(20)  not null,
    runtime_id      varchar(300) not null,
    invocation_url  varchar(500),
    image_reference varchar(500) not null,
    image_digest    varchar(71)  not null,
    status          varchar(20)  not null,
    created_at      timestamptz  not null,
    removed_at      timestamptz
);
