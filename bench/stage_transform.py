"""The Spark ML stages' throughput (issue 23): shape's stages driven from PySpark as a user would, timed.

pickle: ShapeModel.from_pickle(MODEL).setRowIdCol(ROW_ID).transform(df), written as parquet (mode overwrite)
        — the counterpart of `./shape score --engine spark --model MODEL` (which writes row + the outputs).
spec:   ShapeEstimator().setSpecPath(SPEC).setRowIdCol(ROW_ID).fit(df).transform(df), written the same way —
        the counterpart of `./shape score --engine spark --spec SPEC` (the fit passes over the data, then scoring).

The session: master --master (local[2]), spark.driver.memory --driver-memory (2g: the CLI's -Xmx2g), no UI or
progress bar, WARN logs, shape's jar (--jars: dist/shape-spark-<version>.jar) on the driver classpath less the jars PySpark
already ships (as python/tests/check_stages.py does). df is spark.read.parquet(DATA) cut into 3 splits per core
(spark.sql.files.minPartitionNum, as the CLI sets it), nothing repartitioned or cached; --row-id keeps that input column next to the outputs (the generated
table's `time`), so the written volume is like the CLI's. Prints one JSON line: session start, transform+write,
total seconds, rows/s over the total, the scan's partitions, and the JVM's and Python's peak RSS with their sum
as peak_rss_mib (bench/run.sh takes that over /usr/bin/time's, which cannot see the JVM PySpark starts).

Usage: stage_transform.py --jars JAR --data PARQUET --output DIR (--model PKL | --spec SPEC)
                          [--row-id time] [--master local[2]] [--driver-memory 2g] [--again N]

--again N runs the same job N more times in the session after the timed one and reports their seconds
(again_s): a long-running application's transform, JIT compiled and classes loaded.
Run with the PySpark venv (bash .ci/pyspark-venv.sh) and PYTHONPATH=python.
"""
import argparse
import json
import time

t_start = time.perf_counter()

import pyspark  # noqa: E402
from pyspark.sql import SparkSession  # noqa: E402

import shape_spark  # noqa: E402
from shape_spark import ShapeEstimator, ShapeModel  # noqa: E402


def peak_rss_mib(pid="self"):
    """A process's peak resident set (VmHWM) in MiB."""
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return 0.0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--jars", required=True)
    ap.add_argument("--data", required=True)
    ap.add_argument("--output", required=True)
    which = ap.add_mutually_exclusive_group(required=True)
    which.add_argument("--model")
    which.add_argument("--spec")
    ap.add_argument("--row-id", default="time")
    ap.add_argument("--master", default="local[2]")
    ap.add_argument("--driver-memory", default="2g")
    ap.add_argument("--again", type=int, default=0, help="run the job this many more times in the session")
    a = ap.parse_args()

    spark = (SparkSession.builder.master(a.master).appName("shape stage benchmark")
             .config("spark.driver.memory", a.driver_memory)
             .config("spark.driver.extraClassPath", shape_spark.driver_classpath(a.jars))
             .config("spark.ui.enabled", "false").config("spark.ui.showConsoleProgress", "false")
             .config("spark.log.level", "WARN").getOrCreate())
    spark.sparkContext.setLogLevel("WARN")
    # the scan's splits as ./shape score --engine spark cuts them (3 per core, README "Use shape from Spark"):
    # Spark's default of about one per core leaves a core idle while the last split is scored
    spark.conf.set("spark.sql.files.minPartitionNum", str(3 * spark.sparkContext.defaultParallelism))
    t_session = time.perf_counter()

    def stage_job():
        df = spark.read.parquet(a.data)
        if a.model:
            scored = ShapeModel.from_pickle(a.model).setRowIdCol(a.row_id).transform(df)
        else:
            scored = ShapeEstimator().setSpecPath(a.spec).setRowIdCol(a.row_id).fit(df).transform(df)
        scored.write.mode("overwrite").parquet(a.output)
        return df, scored

    df, scored = stage_job()
    t_end = time.perf_counter()
    # the same job again in the session, as an application scoring table after table runs it: warm JIT, classes
    # loaded (outside the row's wall time, which is the first job's process, as the CLI's)
    again = []
    for _ in range(a.again):
        t = time.perf_counter()
        stage_job()
        again.append(time.perf_counter() - t)
    rows = spark.read.parquet(a.output).count()  # outside the timed part: the rows written
    # PySpark does not wait for its JVM, so /usr/bin/time sees only this Python process: report both peaks
    # (their sum bounds what the two held at once).
    jvm_rss = peak_rss_mib(spark._jvm.java.lang.ProcessHandle.current().pid())
    python_rss = peak_rss_mib()
    print(json.dumps({
        "pyspark": pyspark.__version__, "mode": "pickle" if a.model else "spec", "rows": rows,
        "partitions": df.rdd.getNumPartitions(), "columns": scored.columns,
        "session_s": t_session - t_start, "transform_write_s": t_end - t_session, "again_s": again,
        "total_s": t_end - t_start,
        "rows_per_s": rows / (t_end - t_start), "jvm_peak_rss_mib": round(jvm_rss),
        "python_peak_rss_mib": round(python_rss), "peak_rss_mib": round(jvm_rss + python_rss),
    }))
    spark.stop()


if __name__ == "__main__":
    main()
