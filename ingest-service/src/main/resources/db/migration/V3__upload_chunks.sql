-- The raw upload as received, in chunks of 1 MiB, written as the file is streamed from disk and read back
-- chunk by chunk (never whole in memory; bytea alone would also cap a file at 1 GB). uploaded_run.raw_data
-- stays for the uploads stored before.
create table upload_chunk (
    run_id varchar(64) not null references uploaded_run (run_id) on delete cascade,
    seq    integer not null,
    data   bytea not null,
    primary key (run_id, seq)
);
alter table uploaded_run alter column raw_data drop not null;
