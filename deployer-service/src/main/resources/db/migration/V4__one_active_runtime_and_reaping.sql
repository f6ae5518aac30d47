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
-- A runtime no longer wanted (its job failed its test, or was cancelled) is removed after a grace period.
alter table deployment add column unwanted_since timestamptz;
alter table deployment add column unwanted_reason text;
-- Why a runtime was removed or lost: a tear-down, the reaper, or what reconciliation found.
alter table deployment add column status_reason text;
