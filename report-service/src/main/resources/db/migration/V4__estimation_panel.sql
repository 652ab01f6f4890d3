-- The panel the models were estimated on (the cleaned panel with its index columns, or the group-year
-- panel when the spec estimates at the group level), as the indices-computed event carried it: the
-- reproducibility bundle exports it as CSV and .dta with the replication scripts. One row per run,
-- apart from report_run so the ledger's reads never load it.
create table estimation_panel (
    run_id      varchar(64) primary key references report_run (run_id) on delete cascade,
    panel_json  text not null
);
