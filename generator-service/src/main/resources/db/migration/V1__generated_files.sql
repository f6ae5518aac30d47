-- The files of each job's bundle; the bundle archive is rebuilt from them on demand, byte for byte the same.
create table generated_file (
    job_id  uuid         not null,
    path    varchar(300) not null,
    content bytea        not null,
    sha256  varchar(71)  not null,
    primary key (job_id, path)
);

create table generated_bundle (
    job_id            uuid primary key,
    content_hash      varchar(71)  not null,
    agent_name        varchar(48)  not null,
    model_id          varchar(200) not null,
    generator_version varchar(40)  not null,
    created_at        timestamptz  not null
);
