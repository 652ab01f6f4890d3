-- The ledger's bookkeeping for the watchdog and for finishing a run's report outside the row lock.
--   progress_at         the last time the run moved forward (a stage changed status, an input arrived)
--   finish_claimed_at   when a replica claimed rendering/publishing the report; a claim older than
--                       panelflow.report.claim-stale-after is taken over (the claimer crashed)
--   failure_stage/_reason  a FAILED the report service recorded itself (watchdog, rendering) and has
--                       not yet published on run-status; cleared once published
alter table report_run add column progress_at timestamptz;
update report_run set progress_at = updated_at;
alter table report_run alter column progress_at set not null;
alter table report_run alter column progress_at set default now();
alter table report_run add column finish_claimed_at timestamptz;
alter table report_run add column failure_stage varchar(16);
alter table report_run add column failure_reason text;
create index report_run_in_flight on report_run (progress_at) where status in ('ACCEPTED', 'RUNNING');

-- Every change of a run, as the dashboards show it (the run's summary as JSON), written in the
-- ledger's transaction. The id is the server-sent event's id: a dashboard that reconnects with
-- Last-Event-ID is replayed what it missed. Each replica LISTENs on run_change and streams new rows.
create table run_change (
    id      bigserial primary key,
    run_id  varchar(64) not null,
    summary text not null,
    at      timestamptz not null default now()
);
create index run_change_at on run_change (at);

-- Ids in commit order: the id is drawn under a transaction-scoped advisory lock, so a transaction
-- that commits later never has a smaller id (a listener reading "id > last seen" misses nothing).
-- NOTIFY is delivered at commit, with the id as payload.
create function run_change_in_commit_order() returns trigger language plpgsql as $$
begin
    perform pg_advisory_xact_lock(7243001);
    new.id := nextval(pg_get_serial_sequence(quote_ident(tg_table_schema) || '.run_change', 'id'));
    perform pg_notify('run_change', new.id::text);
    return new;
end
$$;
create trigger run_change_in_commit_order before insert on run_change
    for each row execute function run_change_in_commit_order();
