-- Set once reports-ready has been published for the run: a run whose documents were stored but whose
-- reports-ready was lost (crash between commit and send) publishes it on the next event it receives.
alter table report_run add column reports_published boolean not null default false;
