"""Small exact statistics shared by every module: intervals, rank correlation, agreement.

One implementation of each, on ``numpy`` and ``scipy.special`` only: importing
``scipy.stats`` or ``sklearn`` costs about a second, more than the whole analysis of the
seed corpus. ``tests/test_stats.py`` checks every function against ``scipy.stats`` /
``scikit-learn``; the intervals are the same quantities to the last bit (the quantile
functions below are the ones ``scipy.stats.beta.ppf`` and ``chi2.ppf`` call).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from itertools import permutations

import numpy as np


def poisson_interval(count, exposure=1.0, *, alpha: float = 0.05):
    """Exact (Garwood) Poisson confidence interval for a count, scaled by ``exposure``.

    lower = chi2.ppf(alpha/2, 2k) / 2 (0 when k = 0), upper = chi2.ppf(1 - alpha/2,
    2k + 2) / 2, both divided by ``exposure``; computed as the inverse regularised lower
    incomplete gamma function (``chi2.ppf(q, 2k) / 2 == gammaincinv(k, q)``).

    Args:
        count: observed count(s) k.
        exposure: the denominator (e.g. words / 1000 for a rate per 1,000 words).
        alpha: 1 - confidence level.

    Returns:
        ``(low, high)`` arrays (or floats).

    References:
        Garwood, F. (1936). Fiducial limits for the Poisson distribution. Biometrika 28,
        437–442.
    """
    from scipy.special import gammaincinv

    if not 0 < alpha < 1:
        raise ValueError("alpha must be between 0 and 1")
    k = np.asarray(count, dtype=float)
    low = np.where(k > 0, gammaincinv(np.maximum(k, 1e-300), alpha / 2), 0.0)
    high = gammaincinv(k + 1, 1 - alpha / 2)
    low, high = low / exposure, high / exposure
    if np.ndim(low) == 0:
        return float(low), float(high)
    return low, high


def clopper_pearson(k: int, n: int, *, level: float = 0.95) -> tuple[float, float]:
    """Exact binomial interval for k successes in n trials.

    Beta quantiles (``beta.ppf(a, k, n - k + 1)`` and ``beta.ppf(1 - a, k + 1, n - k)``)
    as the inverse regularised incomplete beta function; ``(nan, nan)`` when n is 0.

    References:
        Clopper, C. J., & Pearson, E. S. (1934). The use of confidence or fiducial limits
        illustrated in the case of the binomial. Biometrika, 26(4), 404-413.
    """
    from scipy.special import betaincinv

    if n == 0:
        return float("nan"), float("nan")
    a = (1 - level) / 2
    lo = 0.0 if k == 0 else float(betaincinv(k, n - k + 1, a))
    hi = 1.0 if k == n else float(betaincinv(k + 1, n - k, 1 - a))
    return lo, hi


def bootstrap_mean_ci(
    values: Sequence[float],
    *,
    n_boot: int = 2000,
    seed: int | Sequence[int] = 20240620,
    level: float = 0.95,
) -> tuple[float, float]:
    """Percentile-bootstrap interval of the mean, deterministic for a given seed.

    Args:
        values: the sample (NaNs are dropped).
        n_boot: number of resamples.
        seed: seed (or seed sequence) for ``numpy.random.default_rng``; default the
            date of the event, the project's seed.
        level: coverage, e.g. 0.95.

    Returns:
        ``(low, high)``; ``(nan, nan)`` when fewer than 2 values. The values are sorted
        first, so the same multiset of values gives the same interval in any order.

    References:
        Efron, B. & Tibshirani, R. J. (1993). An Introduction to the Bootstrap, ch. 13.
    """
    if n_boot < 1:
        raise ValueError(f"n_boot must be >= 1, got {n_boot}")
    if not 0.0 < level < 1.0:
        raise ValueError(f"level must be in (0, 1), got {level}")
    x = np.asarray(values, dtype=float)
    x = np.sort(x[~np.isnan(x)])  # sorted: the interval does not depend on row order
    if len(x) < 2:
        return (math.nan, math.nan)
    alpha = (1.0 - level) / 2.0
    return bootstrap_interval(
        lambda idx: x[idx].mean(axis=1),
        len(x),
        rng=np.random.default_rng(seed),
        n_boot=n_boot,
        quantiles=(alpha, 1.0 - alpha),
    )


def bootstrap_interval(
    statistic, n: int, *, rng: np.random.Generator, n_boot: int, quantiles=(0.025, 0.975)
) -> tuple[float, float]:
    """Percentile-bootstrap interval: quantiles of a statistic over resamples of n items.

    Args:
        statistic: maps an ``(n_boot, n)`` array of resampled row indices to the
            ``n_boot`` values of the statistic (e.g. ``lambda idx: x[idx].mean(axis=1)``).
        n: number of items resampled (with replacement, n per resample).
        rng: the random generator (seeded by the caller; the draws advance it).
        n_boot: number of resamples.
        quantiles: the two quantiles returned.

    Returns:
        ``(low, high)``.

    References:
        Efron, B. & Tibshirani, R. J. (1993). An Introduction to the Bootstrap, ch. 13.
    """
    idx = rng.integers(0, n, size=(n_boot, n))
    low, high = np.quantile(statistic(idx), list(quantiles))
    return (float(low), float(high))


def rankdata(values) -> np.ndarray:
    """Ranks 1..n with ties given their average rank (``scipy.stats.rankdata``)."""
    x = np.asarray(values)
    order = np.argsort(x, kind="mergesort")
    xs = x[order]
    new = np.r_[True, xs[1:] != xs[:-1]]
    dense = np.cumsum(new)[np.argsort(order, kind="mergesort")]
    bounds = np.r_[np.flatnonzero(new), len(new)]
    return 0.5 * (bounds[dense] + bounds[dense - 1] + 1)


def spearman(a, b) -> tuple[float, float]:
    """Spearman rho with a two-sided p: exact (all permutations) for n <= 8.

    For n > 8 the p-value is the t approximation of ``scipy.stats.spearmanr``
    (t = rho * sqrt((n - 2) / ((rho + 1)(1 - rho))) on n - 2 degrees of freedom).

    Returns:
        ``(rho, p)``; ``(nan, nan)`` for fewer than 3 pairs or a constant input.

    References:
        Spearman, C. (1904). The proof and measurement of association between two
        things. American Journal of Psychology 15(1).
    """
    from scipy.special import stdtr

    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    if len(a) < 3 or np.all(a == a[0]) or np.all(b == b[0]):
        return (math.nan, math.nan)
    if np.isnan(a).any() or np.isnan(b).any():
        return (math.nan, math.nan)
    ra, rb = rankdata(a), rankdata(b)
    rs = np.corrcoef(np.vstack([ra, rb]))
    rho = float(rs[1, 0])
    if len(a) > 8:
        dof = len(a) - 2
        with np.errstate(divide="ignore"):
            t = rs * np.sqrt((dof / ((rs + 1.0) * (1.0 - rs))).clip(0))
        return (rho, float(2 * stdtr(dof, -np.abs(t))[1, 0]))
    null = [float(np.corrcoef(ra, np.asarray(p))[0, 1]) for p in permutations(rb)]
    p = float(np.mean(np.abs(null) >= abs(rho) - 1e-12))
    return (rho, p)


def cohen_kappa(a, b, *, labels: Sequence) -> float:
    """Cohen's kappa of two labelings over the categories ``labels``.

    References:
        Cohen, J. (1960). A coefficient of agreement for nominal scales. Educational
        and Psychological Measurement 20(1).
    """
    code = {lab: i for i, lab in enumerate(labels)}
    ia = np.array([code.get(x, -1) for x in a])
    ib = np.array([code.get(x, -1) for x in b])
    keep = (ia >= 0) & (ib >= 0)
    k = len(labels)
    confusion = np.zeros((k, k), dtype=np.int64)
    np.add.at(confusion, (ia[keep], ib[keep]), 1)
    sum0, sum1 = confusion.sum(axis=0), confusion.sum(axis=1)
    expected = np.outer(sum0, sum1) / np.sum(sum0)
    disagree = np.ones((k, k), dtype=int)
    disagree.flat[:: k + 1] = 0
    return float(1 - np.sum(disagree * confusion) / np.sum(disagree * expected))
