"""Statistics for paired A/B evaluations, as pure functions over small inputs.

* :func:`wilson_interval` — 95% Wilson score interval for a success rate.
* :func:`pass_hat_k` — tau-bench's pass^k: the chance that *k* i.i.d. trials of a task all succeed,
  estimated without bias per task as ``C(c, k) / C(n, k)`` (``c`` successes in ``n`` trials) and
  averaged over tasks.
* :func:`mcnemar_exact` — exact McNemar test on the discordant pairs: a two-sided binomial test of
  ``b`` (raw passed, guarded failed) against ``c`` (raw failed, guarded passed) with p = 1/2.
* :func:`bootstrap_mean_ci` — percentile bootstrap CI of a mean (seeded, reproducible).
"""

from __future__ import annotations

import math
import random
from collections.abc import Sequence

Z95 = 1.959963984540054


def wilson_interval(successes: int, n: int, z: float = Z95) -> tuple[float, float]:
    """The Wilson score interval for ``successes`` out of ``n`` (``(0, 1)`` when ``n`` is 0)."""
    if n <= 0:
        return 0.0, 1.0
    if not 0 <= successes <= n:
        raise ValueError(f"successes must be within 0..{n}, got {successes}")
    p = successes / n
    denominator = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denominator
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denominator
    return max(0.0, centre - half), min(1.0, centre + half)


def pass_hat_k(outcomes: Sequence[tuple[int, int]], k: int) -> float | None:
    """Mean over tasks of ``C(c, k) / C(n, k)`` for ``(n, c)`` = (trials, successes) per task.

    Tasks with fewer than ``k`` trials are left out; ``None`` when none has ``k`` trials.
    """
    if k < 1:
        raise ValueError("k must be at least 1")
    values = [math.comb(c, k) / math.comb(n, k) for n, c in outcomes if n >= k]
    return sum(values) / len(values) if values else None


def mcnemar_exact(b: int, c: int) -> float:
    """Two-sided exact McNemar p-value for discordant counts ``b`` and ``c`` (1.0 when both are 0)."""
    if b + c == 0:
        return 1.0
    from scipy.stats import binomtest  # scipy.stats takes a second to import: only when needed

    return float(binomtest(b, b + c, 0.5, alternative="two-sided").pvalue)


def bootstrap_mean_ci(
    values: Sequence[float], *, resamples: int = 2000, level: float = 0.95, seed: int = 0
) -> tuple[float, float]:
    """Percentile bootstrap interval of the mean of ``values`` (``(0, 0)`` for no values)."""
    if not values:
        return 0.0, 0.0
    rng = random.Random(seed)
    n = len(values)
    means = sorted(sum(rng.choices(values, k=n)) / n for _ in range(resamples))
    tail = (1 - level) / 2
    low = means[math.floor(tail * (resamples - 1))]
    high = means[math.ceil((1 - tail) * (resamples - 1))]
    return low, high


def mean(values: Sequence[float]) -> float:
    """The arithmetic mean (0.0 for no values)."""
    return sum(values) / len(values) if values else 0.0


def median(values: Sequence[float]) -> float:
    """The median (0.0 for no values)."""
    if not values:
        return 0.0
    ordered = sorted(values)
    mid = len(ordered) // 2
    return ordered[mid] if len(ordered) % 2 else (ordered[mid - 1] + ordered[mid]) / 2
