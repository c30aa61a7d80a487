"""Checks shape's PySpark wrapper against the local engine's outputs (run by bootstrap's PySparkStagesTest).

usage: check_stages.py --classpath CP --spec SPEC --model PKL --data TABLE --expected PREDICTIONS --work DIR
                       --pickle PIPELINE_PKL --pickle-expected PREDICTIONS [--master local[2]] [--jars JAR,JAR]

--expected holds the local engine's predictions of SPEC with PKL on TABLE, --pickle-expected those of the fitted
Pipeline pickle PIPELINE_PKL (scored as pickled, ShapeModel.from_pickle).

--master spark://host:port runs the stages on a standalone cluster, whose executors get shape's classes from
--jars (spark.jars), as `pyspark --jars` gives them.

The JVM does all the scoring; this script only drives the stages and compares DataFrames in Spark. It exits 1
with a message on the first difference, 0 after printing one line per check.
"""
import argparse
import sys

import pyspark

from pyspark.errors import IllegalArgumentException
from pyspark.ml import Pipeline, PipelineModel
from pyspark.ml.feature import SQLTransformer
from pyspark.sql import SparkSession, functions as F

import shape_spark
from shape_spark import ShapeEstimator, ShapeModel

OUTPUTS = ["prediction", "decision_function"]


def differences(scored, expected):
    """Rows whose outputs differ (or that one side lacks), by position, bit for bit."""
    joined = scored.select("position", *OUTPUTS).alias("s").join(
        expected.alias("e"), "position", "full_outer")
    same = None
    for c in OUTPUTS:
        # doubles by their text (Java's Double.toString, Spark's cast): equal texts are equal bits, -0.0 included
        equal = F.col("s." + c).cast("string").eqNullSafe(F.col("e." + c).cast("string"))
        same = equal if same is None else same & equal
    return joined.where(~same).count()


def check(name, scored, expected):
    n = differences(scored, expected)
    if n:
        print(f"FAILED {name}: {n} rows differ from the local engine", file=sys.stderr)
        sys.exit(1)
    print(f"ok {name}: {expected.count()} rows, 0 differences")


def main():
    p = argparse.ArgumentParser()
    for arg in ("classpath", "spec", "model", "data", "expected", "work", "pickle", "pickle-expected"):
        p.add_argument("--" + arg, required=True)
    p.add_argument("--master", default="local[2]")
    p.add_argument("--jars", default="")
    a = p.parse_args()
    builder = (SparkSession.builder.master(a.master).appName("shape-pyspark-check")
               .config("spark.driver.extraClassPath", shape_spark.driver_classpath(a.classpath))
               .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
               .config("spark.ui.enabled", "false"))
    if a.jars:
        builder = builder.config("spark.jars", a.jars)
    spark = builder.getOrCreate()
    print(f"ok session: master {spark.sparkContext.master}, {spark.sparkContext.defaultParallelism} cores")
    spark.sparkContext.setLogLevel("WARN")
    table = spark.read.parquet(a.data).coalesce(1).withColumn("position", F.monotonically_increasing_id())
    expected = spark.read.parquet(a.expected).withColumnRenamed("row", "position")

    pickled = ShapeModel.from_pickle(a.pickle).setRowIdCol("position")
    check("ShapeModel.from_pickle then transform over 3 partitions", pickled.transform(table.repartition(3)),
          spark.read.parquet(a.pickle_expected).withColumnRenamed("row", "position"))

    model = ShapeEstimator(specPath=a.spec, modelPath=a.model).setRowIdCol("position").fit(table)
    check("ShapeEstimator.fit then transform over 3 partitions", model.transform(table.repartition(3)), expected)

    model.write().overwrite().save(a.work + "/model")
    check("ShapeModel.load", ShapeModel.load(a.work + "/model").transform(table), expected)

    pipeline = Pipeline(stages=[SQLTransformer(statement="SELECT * FROM __THIS__"),
                                ShapeEstimator(specPath=a.spec, modelPath=a.model).setRowIdCol("position")])
    pipeline.write().overwrite().save(a.work + "/pipeline")
    fitted = Pipeline.load(a.work + "/pipeline").fit(table)
    fitted.write().overwrite().save(a.work + "/pipeline-model")
    loaded = PipelineModel.load(a.work + "/pipeline-model")
    if not isinstance(loaded.stages[1], ShapeModel):
        print(f"FAILED PipelineModel.load: stage 1 is {type(loaded.stages[1])}", file=sys.stderr)
        sys.exit(1)
    check("Pipeline and PipelineModel saved and loaded", loaded.transform(table), expected)

    shape_spark.register_function(spark, "score_seed", model)
    table.createOrReplaceTempView("seed")
    sql = spark.sql("SELECT position, s.* FROM (SELECT position, "
                    "score_seed(vibration_x, vibration_y, vibration_z) AS s FROM seed)")
    check("SQL function", sql, expected)
    shape_spark.register_function(spark, "score_seed_struct", model, over_struct=True)
    check("SQL function over struct(*)", spark.sql("SELECT position, s.* FROM (SELECT position, "
                                                  "score_seed_struct(struct(*)) AS s FROM seed)"), expected)

    try:
        ShapeModel.from_pickle(a.spec)  # a text file, not a pickle
        print("FAILED from_pickle accepted a spec file", file=sys.stderr)
        sys.exit(1)
    except IllegalArgumentException as e:
        print("ok from_pickle of a non-pickle: IllegalArgumentException: " + str(e).splitlines()[0][:160])
    # the executors that ran the checks' tasks (the driver is one of the infos): on a cluster, the workers' JVMs
    executors = spark.sparkContext._jsc.sc().statusTracker().getExecutorInfos()
    print(f"ok executors: {len(executors) - 1} besides the driver")
    spark.stop()


if __name__ == "__main__":
    main()
