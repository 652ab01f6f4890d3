-- The cleaned panel travels in the panel-cleaned event (its claim-checked payload); the upload row no longer keeps a
-- second copy of it (a million-row panel made that copy the slowest part of accepting an upload). Rows written
-- before keep theirs.
alter table uploaded_run alter column cleaned_panel drop not null;
