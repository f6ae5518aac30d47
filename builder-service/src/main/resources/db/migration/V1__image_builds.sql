-- Every image this service built: one row per job, replaced when the job's image is rebuilt.
create table image_build (
    job_id          uuid primary key,
    image_reference varchar(500) not null,
    digest          varchar(71)  not null,
    platforms       varchar(200) not null,
    bundle_hash     varchar(71)  not null,
    base_image      varchar(500) not null,
    duration_ms     bigint       not null,
    built_at        timestamptz  not null
);
