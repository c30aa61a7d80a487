-- Run records. Flat columns for what people filter on; JSONB (written by RunJson, the contract's field
-- names) for the nested parts. owner is set while a run is unfinished, so a run left RUNNING by a crashed
-- process can be told from one still running.
create table runs (
    id                  text primary key,
    status              text not null
        check (status in ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED')),
    created_at          timestamptz not null,
    started_at          timestamptz,
    ended_at            timestamptz,
    engine              text,
    spec_path           text,
    spec_sha256         text,
    model_path          text,
    model_sha256        text,
    model_class         text,
    dataset_path        text,
    dataset_fingerprint text,
    fitted_state        text,
    params              jsonb not null default '{}',
    metrics             jsonb,
    outputs             jsonb,
    services            jsonb not null default '{}',
    error_kind          text,
    error_message       text,
    owner               jsonb
);

-- list(): newest first, all runs or one status; id breaks ties so paging is stable.
create index runs_newest_idx on runs (created_at desc, id desc);
create index runs_status_newest_idx on runs (status, created_at desc, id desc);
