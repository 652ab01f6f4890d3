-- What the report service knows of each run, from every topic.
create table report_run (
    run_id          varchar(64) primary key,
    status          varchar(16) not null,
    created_at      timestamptz not null,
    updated_at      timestamptz not null,
    error           text,
    spec_json       text,
    provenance_json text,
    quality_json    text,
    indices_json    text,
    balance_json    text,
    results_json    text,
    documents_built boolean not null default false
);
create index report_run_created_at on report_run (created_at desc);

-- The latest status of each stage of each run.
create table run_stage (
    run_id     varchar(64) not null references report_run (run_id) on delete cascade,
    stage      varchar(16) not null,
    status     varchar(16) not null,
    reason     text,
    changed_at timestamptz not null,
    primary key (run_id, stage)
);

-- The rendered documents of each run, one per format.
create table report_document (
    run_id       varchar(64) not null references report_run (run_id) on delete cascade,
    format       varchar(8) not null,
    media_type   varchar(128) not null,
    content      bytea not null,
    primary key (run_id, format)
);
