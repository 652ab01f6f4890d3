-- One row per run whose models were estimated: the published estimates-completed event (JSON).
-- The primary key makes a redelivered indices-computed event find the result instead of adding one.
create table estimation_run (
    run_id       varchar(64) primary key,
    estimated_at timestamptz not null,
    event_json   text not null
);
