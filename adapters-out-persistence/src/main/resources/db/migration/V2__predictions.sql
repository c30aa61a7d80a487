-- A copy of each run's predictions for querying. prediction is text: the label as the run's metrics
-- spell it in prediction_counts ('-1', '1', 'cat', ...) or a regressor's value in Java's shortest
-- round-trip form, so one column serves integer labels, string labels and numbers alike, and
-- "select prediction, count(*) ... group by 1" matches prediction_counts. No foreign key to runs: the run
-- records may live in another store (JSON files) than the predictions.
create table predictions (
    run_id            text not null,
    row               bigint not null,
    prediction        text not null,
    decision_function double precision,
    primary key (run_id, row)
);

-- "All anomalies of run X" (outlier detectors predict -1) without scanning the run's other rows. Partial:
-- it holds only the anomalies (a few percent of rows), so it costs COPY little, where a full
-- (run_id, prediction) index would be a second entry for every row. Other labels of one run are a range
-- scan of the primary key, where a run's rows lie together.
create index predictions_anomalies_idx on predictions (run_id, row) where prediction = '-1';
