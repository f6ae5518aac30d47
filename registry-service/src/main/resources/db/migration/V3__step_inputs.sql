-- The event that starts each step (AgentRequested for GENERATE, CodeGenerated for BUILD, ImageBuilt for DEPLOY,
-- RuntimeCreated for TEST), as consumed: a retry re-publishes it with a new event id.
alter table job_step add column input_event text;
alter table job_step add column input_event_type varchar(50);
