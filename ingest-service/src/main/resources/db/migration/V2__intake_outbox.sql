-- The intake outbox: the records an accepted upload owes the pipeline, written in the upload's own
-- transaction and published by the relay (OutboxRelay) in id order. A row is published once
-- published_at is set; the value is the record value as sent (possibly a claim-check envelope).
create table outbox (
    id           bigserial primary key,
    run_id       varchar(64) not null,
    topic        varchar(249) not null,
    record_key   varchar(64) not null,
    ce_id        varchar(36) not null,
    ce_type      varchar(128) not null,
    ce_time      timestamptz not null,
    record_value text not null,
    traceparent  varchar(55),
    created_at   timestamptz not null default now(),
    attempts     integer not null default 0,
    last_error   varchar(1000),
    published_at timestamptz
);
create index outbox_pending on outbox (id) where published_at is null;
create index outbox_run on outbox (run_id);

-- Whether a run reached the broker is the outbox's business now.
alter table uploaded_run drop column published;
