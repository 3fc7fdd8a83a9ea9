#!/usr/bin/python3
"""Reference fixtures for io.automl4j.core.internal.metrics.Metrics (AUTOML-R42, R44).

How to re-run (from the repository root; needs numpy and scikit-learn, e.g. Debian's python3-sklearn):

    /usr/bin/python3 automl-core/src/test/resources/metrics/generate_fixtures.py

It rewrites the *.json files next to this script (one per case, plus index.json listing them). The output is
deterministic for a given numpy/scikit-learn version; both versions are recorded in every fixture. The JSON is
committed so that MetricsFixtureTest needs no Python.

Each fixture holds the inputs exactly as Metrics.evaluate takes them (numClasses, y as class indices or values,
pred as n x k probabilities or n x 1 values, weights or null, positiveClass) and the expected value of every metric
of the problem type except InferenceLatency, keyed by the Metric enum name.

Where scikit-learn's semantics differ from the spec, the fixture follows the spec (AUTOML-R42):

* Hard labels are not a scikit-learn concept here: they are computed by the spec's rule before scoring (argmax,
  ties to the lowest index, via np.argmax; binary: p(positive) >= 0.5 -> positive, which differs from argmax when
  p = (0.5, 0.5) and the positive class is 1).
* LOG_LOSS: scikit-learn 1.2 defaults to eps="auto" (float64 machine epsilon, 2.2e-16), not the spec's 1e-15, so
  eps=1e-15 is passed explicitly. scikit-learn also renormalises each row after clipping, which the spec does not;
  for rows summing to 1 that changes the value by ~1e-16 relative, so the value stored is scikit-learn's and this
  script asserts it agrees with the spec formula (no renormalisation) to 1e-13.
* BALANCED_ACCURACY is called without sample_weight (the spec ignores weights). scikit-learn averages over classes
  present in y_true (it drops classes only predicted, with a warning), as the spec does.
* Macro metrics pass labels = union(y, y_hat) explicitly and zero_division=0; binary ones pass pos_label and
  zero_division=0.
* MAPE: scikit-learn divides by max(|y|, 2.2e-16) over all rows, so a zero target contributes ~|y_hat| / 2.2e-16.
  The spec excludes rows with y = 0 instead, so mean_absolute_percentage_error is called on the rows with y != 0
  (with their weights); the excluded count is stored as mapeExcludedRows.
* R2: scikit-learn tests the denominator Sigma w (y - mean)^2 for exactly zero. For a constant target whose mean is
  not exact in binary (e.g. 0.1 three times: mean 0.10000000000000002) the denominator is ~1e-34, not 0, and
  scikit-learn 1.2 returns about -1.7e27 where the spec says 0. No random case here has a constant target; that case
  is covered by hand in MetricsTest.r2_constantTarget.
* AUC: roc_auc_score(y == positive, p[:, positive], sample_weight=w); scikit-learn drops zero-weight rows and
  collinear ROC points, neither of which changes the trapezoidal area.
"""

import json
import math
import os
import warnings

import numpy as np
import sklearn
from sklearn import metrics as skm

OUT_DIR = os.path.dirname(os.path.abspath(__file__))
SPEC_EPS = 1e-15


def hard_labels(p, k, positive):
    if k == 2:
        return np.where(p[:, positive] >= 0.5, positive, 1 - positive)
    return np.argmax(p, axis=1)


def spec_log_loss(y, p, w):
    py = np.clip(p[np.arange(len(y)), y], SPEC_EPS, 1 - SPEC_EPS)
    w = np.ones(len(y)) if w is None else w
    return float(-(w * np.log(py)).sum() / w.sum())


def classification_expected(k, y, p, w, positive):
    yhat = hard_labels(p, k, positive)
    labels = np.union1d(y, yhat)
    out = {"ACCURACY": skm.accuracy_score(y, yhat, sample_weight=w)}
    if k == 2:
        out["AUC"] = skm.roc_auc_score((y == positive).astype(int), p[:, positive], sample_weight=w)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "y_pred contains classes not in y_true"
        out["BALANCED_ACCURACY"] = skm.balanced_accuracy_score(y, yhat)
    if k == 2:
        out["F1"] = skm.f1_score(y, yhat, pos_label=positive, zero_division=0, sample_weight=w)
    else:
        out["F1_MACRO"] = skm.f1_score(y, yhat, labels=labels, average="macro", zero_division=0, sample_weight=w)
    ll = skm.log_loss(y, p, eps=SPEC_EPS, labels=list(range(k)), sample_weight=w)
    spec = spec_log_loss(y, p, w)
    assert abs(ll - spec) <= 1e-13 * abs(spec), (ll, spec)
    out["LOG_LOSS"] = ll
    if k == 2:
        out["PRECISION"] = skm.precision_score(y, yhat, pos_label=positive, zero_division=0, sample_weight=w)
        out["RECALL"] = skm.recall_score(y, yhat, pos_label=positive, zero_division=0, sample_weight=w)
    else:
        out["PRECISION_MACRO"] = skm.precision_score(y, yhat, labels=labels, average="macro", zero_division=0,
                                                     sample_weight=w)
        out["RECALL_MACRO"] = skm.recall_score(y, yhat, labels=labels, average="macro", zero_division=0,
                                               sample_weight=w)
    return {m: float(v) for m, v in out.items()}


def regression_expected(y, yhat, w):
    nz = y != 0
    out = {
        "MAE": skm.mean_absolute_error(y, yhat, sample_weight=w),
        "MSE": skm.mean_squared_error(y, yhat, sample_weight=w),
        "R2": skm.r2_score(y, yhat, sample_weight=w),
        "RMSE": skm.mean_squared_error(y, yhat, sample_weight=w, squared=False),
        "MAPE": skm.mean_absolute_percentage_error(y[nz], yhat[nz], sample_weight=None if w is None else w[nz]),
    }
    return {m: float(v) for m, v in out.items()}


def weights(rng, n, zero_share=0.05):
    w = rng.uniform(0.1, 3.0, n)
    w[rng.random(n) < zero_share] = 0.0
    return w


def binary_case(name, seed, n, positive, weighted, grid=None, extremes=False):
    rng = np.random.default_rng(seed)
    y = rng.integers(0, 2, n)
    # p(class 1): informative but noisy
    q = 1.0 / (1.0 + np.exp(-(1.5 * (2 * y - 1) + rng.normal(0.0, 1.5, n))))
    if grid is not None:
        q = np.round(q * grid) / grid   # coarse scores: many exact ties, some exactly 0.5
    if extremes:
        q[:4] = [0.0, 1.0, 0.5, 0.5]    # clipping at both ends and the >= 0.5 threshold
    p = np.column_stack([1.0 - q, q])
    w = weights(rng, n) if weighted else None
    return make(name, 2, y, p, w, positive, classification_expected(2, y, p, w, positive))


def multiclass_case(name, seed, n, k, weighted, absent=(), only_predicted=(), grid=None):
    rng = np.random.default_rng(seed)
    present = [c for c in range(k) if c not in absent and c not in only_predicted]
    y = rng.choice(present, n)
    logits = rng.normal(0.0, 1.0, (n, k))
    logits[np.arange(n), y] += 1.2
    for c in absent:
        logits[:, c] -= 20.0                         # never the argmax
    for c in only_predicted:
        logits[:, c] -= 1.0                          # sometimes the argmax, never the truth
    p = np.exp(logits - logits.max(axis=1, keepdims=True))
    p /= p.sum(axis=1, keepdims=True)
    if grid is not None:
        # counts out of `grid`, so rows sum to 1 and argmax ties are common
        counts = np.floor(p * grid)
        rest = (grid - counts.sum(axis=1)).astype(int)
        for i in range(n):
            counts[i, np.argsort(-p[i])[:rest[i]]] += 1
        p = counts / grid
    w = weights(rng, n) if weighted else None
    case = make(name, k, y, p, w, 0, classification_expected(k, y, p, w, 0))
    yhat = hard_labels(p, k, 0)
    for c in absent:
        assert c not in y and c not in yhat, name
    for c in only_predicted:
        assert c not in y and c in yhat, name
    return case


def regression_case(name, seed, n, weighted, zero_share=0.0, integer=False):
    rng = np.random.default_rng(seed)
    y = rng.normal(5.0, 3.0, n)
    if integer:
        y = np.round(y)
    y[rng.random(n) < zero_share] = 0.0
    yhat = y + rng.normal(0.0, 1.0, n) + 0.3
    w = weights(rng, n) if weighted else None
    case = make(name, 0, y, yhat[:, None], w, 0, regression_expected(y, yhat, w))
    case["mapeExcludedRows"] = int((y == 0).sum())
    return case


def make(name, k, y, pred, w, positive, expected):
    problem = "REGRESSION" if k == 0 else "BINARY_CLASSIFICATION" if k == 2 else "MULTICLASS_CLASSIFICATION"
    for v in expected.values():
        assert math.isfinite(v), (name, expected)
    return {
        "name": name,
        "generator": {"sklearn": sklearn.__version__, "numpy": np.__version__},
        "problemType": problem,
        "numClasses": k,
        "positiveClass": positive,
        "y": [int(v) for v in y] if k > 0 else [float(v) for v in y],
        "pred": [[float(v) for v in row] for row in pred],
        "weights": None if w is None else [float(v) for v in w],
        "expected": expected,
    }


def main():
    cases = [
        binary_case("binary_unweighted", 101, 400, 1, False, extremes=True),
        binary_case("binary_weighted", 102, 400, 1, True, extremes=True),
        binary_case("binary_ties_unweighted", 103, 500, 1, False, grid=10),
        binary_case("binary_ties_weighted", 104, 500, 1, True, grid=20),
        binary_case("binary_ties_weighted_positive0", 105, 500, 0, True, grid=10),
        multiclass_case("multiclass_k3_unweighted", 201, 300, 3, False),
        multiclass_case("multiclass_k3_weighted_ties", 202, 300, 3, True, grid=10),
        multiclass_case("multiclass_k5_absent_class", 203, 400, 5, False, absent=(3,), only_predicted=(4,)),
        multiclass_case("multiclass_k5_absent_class_weighted", 204, 400, 5, True, absent=(1,), only_predicted=(4,),
                        grid=20),
        regression_case("regression_unweighted", 301, 300, False),
        regression_case("regression_weighted", 302, 300, True),
        regression_case("regression_zero_targets", 303, 300, False, zero_share=0.1),
        regression_case("regression_weighted_zero_targets", 304, 300, True, zero_share=0.1, integer=True),
    ]
    names = []
    for case in cases:
        path = os.path.join(OUT_DIR, case["name"] + ".json")
        with open(path, "w") as f:
            json.dump(case, f, allow_nan=False, separators=(",", ":"))
            f.write("\n")
        names.append(case["name"] + ".json")
    with open(os.path.join(OUT_DIR, "index.json"), "w") as f:
        json.dump({"fixtures": names}, f, indent=2)
        f.write("\n")


if __name__ == "__main__":
    main()
