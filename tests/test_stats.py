"""Tests for analysis.stats: each function against scipy.stats / scikit-learn."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy import stats as sps

from analysis import stats as S

GRID = [(k, n) for n in (1, 2, 3, 5, 7, 10, 25, 32, 60, 110) for k in range(n + 1)]


@pytest.mark.parametrize("level", [0.95, 0.9, 0.99])
def test_clopper_pearson_is_scipy_beta_quantile_and_binomtest(level):
    a = (1 - level) / 2
    for k, n in GRID:
        lo, hi = S.clopper_pearson(k, n, level=level)
        # the same quantity scipy.stats computes, to the last bit
        assert lo == (0.0 if k == 0 else float(sps.beta.ppf(a, k, n - k + 1)))
        assert hi == (1.0 if k == n else float(sps.beta.ppf(1 - a, k + 1, n - k)))
        ref = sps.binomtest(k, n).proportion_ci(confidence_level=level, method="exact")
        assert lo == pytest.approx(ref.low, abs=1e-12) and hi == pytest.approx(ref.high, abs=1e-12)
    assert all(math.isnan(v) for v in S.clopper_pearson(0, 0))


def test_poisson_interval_is_scipy_chi2_quantile():
    k = np.arange(0, 200, dtype=float)
    for alpha in (0.05, 0.1, 0.01):
        low, high = S.poisson_interval(k, alpha=alpha)
        ref_low = np.where(k > 0, sps.chi2.ppf(alpha / 2, 2 * np.maximum(k, 1e-300)) / 2, 0.0)
        ref_high = sps.chi2.ppf(1 - alpha / 2, 2 * k + 2) / 2
        assert np.array_equal(low, ref_low) and np.array_equal(high, ref_high)
    # a count of 0 in 3.7 (thousand) words: 0 to 3.688879 / 3.7
    low, high = S.poisson_interval(0, 3.7)
    assert low == 0.0 and high == pytest.approx(3.688879 / 3.7, abs=1e-6)
    with pytest.raises(ValueError):
        S.poisson_interval(1, alpha=0)


def test_rankdata_matches_scipy_with_ties():
    rng = np.random.default_rng(1)
    for n in (1, 2, 5, 30):
        x = rng.integers(0, 4, size=n).astype(float)
        assert np.array_equal(S.rankdata(x), sps.rankdata(x))
    assert S.rankdata([3.0, 1.0, 3.0, 2.0]).tolist() == [3.5, 1.0, 3.5, 2.0]


def test_spearman_matches_scipy_for_large_n():
    rng = np.random.default_rng(7)
    for n in (9, 20, 110):
        a = rng.normal(size=n).round(1)  # with ties
        b = a + rng.normal(size=n)
        rho, p = S.spearman(a, b)
        ref = sps.spearmanr(a, b)
        assert rho == pytest.approx(ref.statistic, abs=1e-12)
        assert p == pytest.approx(ref.pvalue, rel=1e-9, abs=1e-300)


def test_spearman_exact_p_for_small_n():
    a, b = [1, 2, 3, 4, 5], [1, 3, 2, 5, 4]
    rho, p = S.spearman(a, b)
    assert rho == pytest.approx(sps.spearmanr(a, b).statistic, abs=1e-12)
    # rho = 1 - 6 * 4 / 120 = 0.8; |rho| >= 0.8 needs sum d^2 <= 4 (the identity, 4
    # adjacent swaps, 3 pairs of disjoint adjacent swaps) or >= 36 (their reversals)
    assert rho == pytest.approx(0.8)
    assert p == pytest.approx(
        sps.permutation_test(
            (b,),
            lambda y: sps.spearmanr(a, y).statistic,
            permutation_type="pairings",
            n_resamples=np.inf,
        ).pvalue
    )
    assert p == pytest.approx(16 / 120)
    assert all(math.isnan(v) for v in S.spearman([1, 2], [2, 1]))
    assert all(math.isnan(v) for v in S.spearman([1, 1, 1, 1], [1, 2, 3, 4]))


def test_cohen_kappa_matches_sklearn():
    from sklearn.metrics import cohen_kappa_score

    labels = ["negative", "neutral", "positive"]
    rng = np.random.default_rng(3)
    for n in (2, 10, 110):
        a = rng.choice(labels, size=n)
        b = np.where(rng.random(n) < 0.6, a, rng.choice(labels, size=n))
        assert S.cohen_kappa(a, b, labels=labels) == cohen_kappa_score(a, b, labels=labels)
    # by hand: 3 of 4 agree, chance agreement 0.5 -> kappa 0.5
    assert S.cohen_kappa(["x", "x", "y", "y"], ["x", "y", "y", "y"], labels=["x", "y"]) == 0.5


def test_bootstrap_mean_ci_is_seeded_and_order_free():
    x = [0.5, -0.2, 0.1, 0.9, 0.0]
    a = S.bootstrap_mean_ci(x, seed=3)
    assert a == S.bootstrap_mean_ci(x[::-1], seed=3)
    assert a[0] < np.mean(x) < a[1]
    # the straightforward resampling loop gives the same interval
    rng = np.random.default_rng(3)
    xs = np.sort(x)
    means = [xs[rng.integers(0, 5, size=5)].mean() for _ in range(2000)]
    assert a == pytest.approx(tuple(np.quantile(means, [0.025, 0.975])), abs=1e-12)


def test_bootstrap_interval_of_a_ratio():
    # quoted words / words over resampled sentences, as sources.source_summary uses it
    qw, tw = np.array([0, 5, 12, 0]), np.array([10, 8, 20, 6])
    low, high = S.bootstrap_interval(
        lambda idx: qw[idx].sum(1) / tw[idx].sum(1), 4, rng=np.random.default_rng(0), n_boot=500
    )
    rng = np.random.default_rng(0)
    ratios = []
    for _ in range(500):
        pick = rng.integers(0, 4, size=4)
        ratios.append(qw[pick].sum() / tw[pick].sum())
    assert (low, high) == tuple(np.percentile(ratios, [2.5, 97.5]))
    assert 0 <= low < qw.sum() / tw.sum() < high <= 1
