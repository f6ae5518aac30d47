-- Steps are short transactions around work that runs outside any: the step is claimed and recorded RUNNING with a
-- lease (who has it, until when), the work runs and renews the lease, and a second transaction stores the result. An
-- expired lease means its owner died: another instance (or the same service, restarted) takes the step over from the
-- input stored here, and after too many such crashes the step fails with STEP_CRASHED.
alter table step_execution add column lease_owner varchar(200);
alter table step_execution add column lease_expires_at timestamptz;
alter table step_execution add column crashes int not null default 0;
alter table step_execution add column input_event text;
alter table step_execution add column input_event_type varchar(100);
create index step_execution_running_leases on step_execution (lease_expires_at) where status = 'RUNNING';
-- A step left RUNNING by the single-transaction runner has no stored input: taken over at once, it fails STEP_CRASHED.
update step_execution set lease_expires_at = now() where status = 'RUNNING';

-- Records this service could not process: kept for operators to list and replay, and sent to its dead-letter topic.
create table dead_letter (
    id               bigserial    primary key,
    topic            varchar(249) not null,
    record_partition int          not null,
    record_offset    bigint       not null,
    record_key       text,
    payload          text,
    headers          text         not null,
    job_id           uuid,
    reason           text         not null,
    cause            text,
    dead_lettered_at timestamptz  not null,
    replayed_at      timestamptz,
    replayed_by      varchar(200),
    replay_attempts  int          not null default 0,
    last_replay_error text,
    unique (topic, record_partition, record_offset)
);
create index dead_letter_by_job on dead_letter (job_id);

-- The outbox also carries raw records (dead letters): their own key and headers, no CloudEvent type of their own.
alter table outbox_event alter column job_id drop not null;
alter table outbox_event alter column cloud_event_type drop not null;
alter table outbox_event add column record_key text;
alter table outbox_event add column headers text;

-- A retry lifts a cancellation: whichever of the two happened later wins, in whatever order their events arrive.
alter table cancelled_job alter column cancelled_at drop not null;
alter table cancelled_job add column resumed_at timestamptz;
