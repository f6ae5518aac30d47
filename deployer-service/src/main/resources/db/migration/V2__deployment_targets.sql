-- LOCAL and AGENTCORE runtimes: what the agent is, how to invoke the runtime, and which deployment replaced which.
alter table deployment add column agent_name varchar(100) not null default '';
alter table deployment alter column agent_name drop default;
alter table deployment add column runtime_arn varchar(2048);
alter table deployment add column runtime_version varchar(100);
alter table deployment add column qualifier varchar(100);
alter table deployment add column region varchar(50);
alter table deployment add column superseded_by uuid;
alter table deployment alter column invocation_url type varchar(2048);
create index deployment_by_agent on deployment (agent_name, target, status);
