"""shape's Spark ML stages, from PySpark.

A thin wrapper over the JVM classes ``io.shape.spark.ShapeModel`` and ``io.shape.spark.ShapeEstimator``: the
JVM reads the pickle, fits the spec's preprocessing and scores; nothing of scikit-learn or of the model runs in
Python. shape's jars must be on the session's classpath (``pyspark --jars shape-spark-<version>.jar`` or the
``spark.jars`` setting)::

    from shape_spark import ShapeModel, ShapeEstimator
    model = ShapeModel.from_pickle("models/pipeline.pkl")
    scored = model.transform(df)
    fitted = ShapeEstimator().setSpecPath("artifacts/pipeline.jsonc").fit(df)
    fitted.write().overwrite().save("models/shape-x")
    ShapeModel.load("models/shape-x")
"""
import os
import re
import sys

from pyspark import SparkContext
from pyspark.ml.param import Param, Params, TypeConverters
from pyspark.ml.util import JavaMLReadable, JavaMLReader, JavaMLWritable
from pyspark.ml.wrapper import JavaEstimator, JavaModel

__all__ = ["ShapeEstimator", "ShapeModel", "register_function", "driver_classpath"]

_JAVA_PACKAGE = "io.shape.spark"

# PySpark turns a loaded Java stage back into Python by importing the module named like its Java package
# (JavaParams._from_java, DefaultParamsReader.loadParamsInstance), here "io.shape.spark", which cannot be a
# Python package: "io" is the standard library's. Importing this package registers it under that name, so a
# Pipeline or PipelineModel holding shape's stages loads back into these classes.
sys.modules.setdefault(_JAVA_PACKAGE, sys.modules[__name__])


class _ShapeReader(JavaMLReader):
    """Loads through the JVM class of the same name in io.shape.spark (PySpark's default maps pyspark.* only)."""

    @classmethod
    def _java_loader_class(cls, clazz):
        return _JAVA_PACKAGE + "." + clazz.__name__


class _ShapeParams(Params):
    """The stages' parameters, named as the JVM stages name them (their setters and getters are generated there)."""

    specPath = Param(Params._dummy(), "specPath",
                     "the pipeline spec (JSON with comments) whose steps are fitted on the DataFrame",
                     typeConverter=TypeConverters.toString)
    modelPath = Param(Params._dummy(), "modelPath",
                      "a pickled, fitted scikit-learn Pipeline or estimator, applied as pickled",
                      typeConverter=TypeConverters.toString)
    featuresCols = Param(Params._dummy(), "featuresCols",
                         "the input columns, in order (default: the model's feature names)",
                         typeConverter=TypeConverters.toListString)
    predictionCol = Param(Params._dummy(), "predictionCol", "the prediction column",
                          typeConverter=TypeConverters.toString)
    decisionCol = Param(Params._dummy(), "decisionCol", "the decision_function column (or prefix per class)",
                        typeConverter=TypeConverters.toString)
    probabilityPrefix = Param(Params._dummy(), "probabilityPrefix", "the prefix of the probability_<class> columns",
                              typeConverter=TypeConverters.toString)
    rowIdCol = Param(Params._dummy(), "rowIdCol", "an input column kept with the outputs, if set",
                     typeConverter=TypeConverters.toString)

    def setSpecPath(self, value):
        return self._set(specPath=value)

    def setModelPath(self, value):
        return self._set(modelPath=value)

    def setFeaturesCols(self, value):
        return self._set(featuresCols=value)

    def setPredictionCol(self, value):
        return self._set(predictionCol=value)

    def setDecisionCol(self, value):
        return self._set(decisionCol=value)

    def setProbabilityPrefix(self, value):
        return self._set(probabilityPrefix=value)

    def setRowIdCol(self, value):
        return self._set(rowIdCol=value)

    def getSpecPath(self):
        return self.getOrDefault(self.specPath)

    def getModelPath(self):
        return self.getOrDefault(self.modelPath)

    def getFeaturesCols(self):
        return self.getOrDefault(self.featuresCols)


class ShapeModel(JavaModel, _ShapeParams, JavaMLReadable, JavaMLWritable):
    """A fitted shape pipeline: transform(df) adds prediction, decision_function, probability_<class> columns."""

    def __init__(self, java_model=None):
        super().__init__(java_model)

    @classmethod
    def from_pickle(cls, path):
        """A fitted scikit-learn Pipeline or estimator pickle, applied as pickled (nothing is refit)."""
        return cls(_jvm_class("ShapeModel").fromPickle(path))

    @classmethod
    def read(cls):
        return _ShapeReader(cls)


class ShapeEstimator(JavaEstimator, _ShapeParams, JavaMLReadable, JavaMLWritable):
    """The challenge semantics: fit(df) fits the spec's preprocessing on the DataFrame (distributed, exact)."""

    def __init__(self, specPath=None, modelPath=None):
        super().__init__()
        self._java_obj = self._new_java_obj(_JAVA_PACKAGE + ".ShapeEstimator", self.uid)
        if specPath is not None:
            self.setSpecPath(specPath)
        if modelPath is not None:
            self.setModelPath(modelPath)

    def _create_model(self, java_model):
        return ShapeModel(java_model)

    @classmethod
    def read(cls):
        return _ShapeReader(cls)


def driver_classpath(classpath):
    """The entries of a JVM classpath (shape's jars and their dependencies, e.g. a build's) that PySpark's own jars
    do not already provide, by artifact name: what to give spark.driver.extraClassPath on one machine, so that the
    driver does not load two versions of Spark's libraries."""
    import pyspark

    def artifact(name):
        return re.sub(r"-\d[^/]*\.jar$", "", name)
    provided = {artifact(j) for j in os.listdir(os.path.join(os.path.dirname(pyspark.__file__), "jars"))}
    kept = [e for e in classpath.split(os.pathsep) if artifact(os.path.basename(e)) not in provided]
    return os.pathsep.join(kept)


def register_function(spark, name, model, over_struct=False):
    """Registers `name` as a SQL function returning a struct of the model's outputs: a function of the model's
    feature columns in order (at most 22), or with `over_struct` of one struct holding them as named fields, as in
    `name(struct(*))`."""
    functions = _jvm_class("ShapeFunctions")
    if over_struct:
        functions.registerOverStruct(spark._jsparkSession, name, model._java_obj)
    else:
        functions.register(spark._jsparkSession, name, model._java_obj)


def _jvm_class(name):
    context = SparkContext._active_spark_context
    if context is None:
        raise RuntimeError("start a SparkSession with shape's jars first (spark.jars or pyspark --jars)")
    return getattr(context._jvm.io.shape.spark, name)
