#!/usr/bin/env python3
"""Exact permutation p-values of the studentized difference of two ratio-of-sums rates.

For small groups every split of the pooled posts into groups of the original sizes is enumerated
(itertools.combinations), so the p-value is exact: the share of splits whose |T| reaches the data's,
T = (R1 - R0) / sqrt(Var(R1) + Var(R0)) with Var(R) = n * sum((y - R x)^2) / ((n - 1) * (sum x)^2).
engage's seeded Monte Carlo version (PermutationTest) must agree to within its sampling error.
Writes permutation.json beside this script. Run: python3 Tests/Fixtures/analysis/permutation_reference.py
"""
import itertools
import json
import math
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))


def rate_var(posts):
    n = len(posts)
    sx = sum(x for x, _ in posts)
    if n < 2 or sx <= 0:
        return None
    r = sum(y for _, y in posts) / sx
    return r, n * sum((y - r * x) ** 2 for x, y in posts) / ((n - 1) * sx * sx)


def statistic(a, b):
    ra, rb = rate_var(a), rate_var(b)
    if ra is None or rb is None:
        return None
    se = math.sqrt(ra[1] + rb[1])
    if se > 0:
        return (ra[0] - rb[0]) / se
    return 0.0 if ra[0] == rb[0] else math.inf


def exact_p(a, b):
    t = abs(statistic(a, b)) * (1 - 1e-12)
    pooled = a + b
    reached = total = 0
    for chosen in itertools.combinations(range(len(pooled)), len(a)):
        s = set(chosen)
        ta = statistic([pooled[i] for i in chosen], [pooled[i] for i in range(len(pooled)) if i not in s])
        total += 1
        if ta is not None and abs(ta) >= t:
            reached += 1
    return reached / total


def main():
    rng = random.Random(20261203)
    cases = []
    for na, nb, lift in [(6, 8, 1.0), (7, 7, 1.8), (5, 10, 1.0), (8, 8, 2.5), (4, 12, 0.5)]:
        def group(n, m):
            out = []
            for _ in range(n):
                x = max(1, int(math.exp(rng.gauss(6, 1.5))))
                p = min(1.0, 0.02 * m * math.exp(rng.gauss(0, 0.6)))
                out.append((x, sum(1 for _ in range(min(x, 4000)) if rng.random() < p) if x <= 4000 else int(round(x * p))))
            return out
        a, b = group(na, lift), group(nb, 1.0)
        cases.append({"a": a, "b": b, "t": statistic(a, b), "p_exact": exact_p(a, b)})
    with open(os.path.join(HERE, "permutation.json"), "w") as f:
        f.write(json.dumps({"cases": cases}, indent=1) + "\n")
    for c in cases:
        print(f"t={c['t']:.3f} p={c['p_exact']:.4f}")


if __name__ == "__main__":
    main()
