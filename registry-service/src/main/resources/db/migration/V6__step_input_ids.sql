-- A retry no longer re-sends a step's input (the step's own service runs it again from the input it stored): the
-- registry keeps only the input's event id, the cause of a STEP_TIMEOUT it reports.
alter table job_step add column input_event_id uuid;
update job_step set input_event_id = cast(cast(input_event as jsonb) ->> 'eventId' as uuid) where input_event is not null;
alter table job_step drop column input_event;
alter table job_step drop column input_event_type;
create index job_step_running on job_step (started_at) where status = 'RUNNING';
-- The event that failed the step (a StepFailed, or a TestCompleted that did not pass): what a retry answers.
alter table job_step add column failure_event_id uuid;
