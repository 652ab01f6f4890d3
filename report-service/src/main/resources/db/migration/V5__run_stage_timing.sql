-- How long each stage of a run took, for the run status (GET /api/runs/{id}, the live feed) and so a slow stage
-- is visible: started_at is when the stage reported RUNNING (it began its computation), finished_at when it
-- reported COMPLETED or FAILED. A stage that never reported RUNNING has no started_at.
alter table run_stage add column started_at timestamptz;
alter table run_stage add column finished_at timestamptz;
