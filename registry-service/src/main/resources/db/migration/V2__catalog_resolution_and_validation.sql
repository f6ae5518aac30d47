-- Jobs now record the catalog's resolution and, for submissions that failed validation, the violations.
-- A rejected submission may lack a name or a model, or carry oversized ones: those columns become optional.
alter table agent_job alter column agent_name type varchar(200);
alter table agent_job alter column agent_name drop not null;
alter table agent_job alter column model_id drop not null;
alter table agent_job alter column spec drop not null;
alter table agent_job alter column request_event_id drop not null;
alter table agent_job add column catalog_model_id varchar(200);
alter table agent_job add column catalog_version varchar(50);
alter table agent_job add column submission_event_id uuid;
-- JSON arrays of {path, message} and {path, code, message}
alter table agent_job add column violations text;
alter table agent_job add column warnings text;
create index agent_job_by_status on agent_job (status, created_at desc);
create index agent_job_by_model on agent_job (catalog_model_id, created_at desc);
