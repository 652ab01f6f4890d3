-- One row per run whose indices were computed: the published indices-computed event (JSON).
-- The primary key makes a redelivered panel-cleaned event find the result instead of adding one.
create table index_run (
    run_id      varchar(64) primary key,
    computed_at timestamptz not null,
    event_json  text not null
);
