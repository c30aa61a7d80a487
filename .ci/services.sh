#!/usr/bin/env bash
# Starts (idempotently) what the test suite talks to and prints the environment the tests read, as
# NAME=value lines. Progress goes to stderr.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)

# MLflow server for the tracking tests (the tests start and stop their own server from this venv)
echo "SHAPE_MLFLOW_BIN=$(bash "$here/mlflow-venv.sh")"

# PySpark of shape's Spark version for the tests of the PySpark wrapper (python/shape_spark)
echo "SHAPE_PYSPARK_PYTHON=$(bash "$here/pyspark-venv.sh")"

# Kafka broker jars for the events tests (the tests start and stop their own KRaft broker)
bash "$here/kafka.sh" libs >/dev/null
echo "SHAPE_KAFKA_LIBS=$here/kafka/libs"

# PostgreSQL 15 (Debian's) on 127.0.0.1:5432 with the test role and database
"$here/postgres.sh" | sed 's/^export //'

# A SPARK_HOME from Maven Central for the standalone-cluster test (the test starts and stops the cluster)
bash "$here/spark-cluster.sh" home >/dev/null
echo "SHAPE_SPARK_HOME=$here/spark/home"
