-- One row per accepted upload: the raw file, the spec, the cleaned panel and the data-quality report.
create table uploaded_run (
    run_id        varchar(64) primary key,
    accepted_at   timestamptz not null,
    file_name     varchar(512) not null,
    data_sha256   char(64) not null,
    raw_data      bytea not null,
    spec_text     text not null,
    cleaned_panel text not null,
    quality       text not null,
    published     boolean not null default false
);
create index uploaded_run_accepted_at on uploaded_run (accepted_at desc);
