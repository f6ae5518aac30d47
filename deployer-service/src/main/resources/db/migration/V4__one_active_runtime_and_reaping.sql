-- One ACTIVE deployment per agent and target, enforced by the database: concurrent deploys of one agent supersede
-- each other in the order they commit. Any duplicates left from before are superseded by the newest first.
update deployment d set status = 'SUPERSEDED', superseded_by = newest.job_id
from (select distinct on (agent_name, target) agent_name, target, job_id from deployment
      where status = 'ACTIVE' order by agent_name, target, created_at desc) newest
where d.status = 'ACTIVE' and d.agent_name = newest.agent_name and d.target = newest.target
  and d.job_id <> newest.job_id;
create unique index deployment_one_active on deployment (agent_name, target) where status = 'ACTIVE';

-- The RuntimeCreated that announced the runtime (the cause of a later RuntimeLost).
alter table deployment add column announced_event_id uuid;
-- Jobs whose runtime is no longer wanted (the job failed its test, or its deploy or test step timed out), whether or not
-- the runtime exists yet: the reaper removes it after a grace period unless a retry came later. Cancelled jobs are in
-- the platform's cancelled_job.
create table unwanted_runtime (
    job_id uuid        primary key,
    since  timestamptz not null,
    reason text        not null
);
-- Why a runtime was removed or lost: a tear-down, the reaper, or what reconciliation found.
alter table deployment add column status_reason text;

-- Reconciliation rounds run on one instance at a time: the one that holds this lease.
create table reconcile_lease (
    id         int          primary key,
    owner      varchar(200),
    expires_at timestamptz  not null
);
insert into reconcile_lease (id, owner, expires_at) values (1, null, now());
