#!/usr/bin/env python3
"""Markdown tables for BENCHMARKS.md from one run of run-round-two.sh, and how close a second came.

    benchmarks/report.py benchmarks/target/run-1 [benchmarks/target/run-2]

Every ratio is the median over the rounds of the ratio within each round, with the rounds'
minimum and maximum, and the order statistics that hold the median with 90% confidence; CPU and
allocation per request are medians over the rounds.
"""
import json
import math
import os
import statistics
import sys

TARGETS = [
    # (what, numerator, denominator, endpoint, at least)
    ("encrypted ≥ 0.95× signed", "keycard-encrypted", "keycard-cookie", "/visits", 0.95),
    ("encrypted ≥ 0.95× signed", "keycard-encrypted", "keycard-cookie", "/read", 0.95),
    ("memory ≥ 1.0× cookie", "keycard-memory", "keycard-cookie", "/visits", 1.0),
    ("memory ≥ 1.0× cookie", "keycard-memory", "keycard-cookie", "/read", 1.0),
    ("cookie ≥ 0.95× static-cookie", "keycard-cookie", "static-cookie", "/visits", 0.95),
    ("cookie ≥ 0.90× no session", "keycard-cookie", "none", "/visits", 0.90),
    ("cookie ≥ 0.95× no session", "keycard-cookie", "none", "/read", 0.95),
    ("Redis ≥ 3× Spring Session", "keycard-redis", "spring-session-redis", "/visits", 3.0),
    ("Redis ≥ 4× Spring Session", "keycard-redis", "spring-session-redis", "/read", 4.0),
    ("Redis, near cache, ≥ 3× Spring Session", "keycard-redis-near", "spring-session-redis", "/visits", 3.0),
    ("Redis, near cache, ≥ 4× Spring Session", "keycard-redis-near", "spring-session-redis", "/read", 4.0),
    ("Redis, Jedis, ≥ 3× Spring Session (Lettuce)", "keycard-redis-jedis", "spring-session-redis", "/visits", 3.0),
    ("Redis, Jedis, ≥ 4× Spring Session (Lettuce)", "keycard-redis-jedis", "spring-session-redis", "/read", 4.0),
    ("Redis, both on Jedis", "keycard-redis-jedis", "spring-session-redis-jedis", "/visits", None),
    ("Redis, both on Jedis", "keycard-redis-jedis", "spring-session-redis-jedis", "/read", None),
    ("Redis, both on virtual threads", "keycard-redis-vt", "spring-session-redis-vt", "/visits", None),
    ("Redis, both on virtual threads", "keycard-redis-vt", "spring-session-redis-vt", "/read", None),
    ("JDBC ≥ 3× Spring Session", "keycard-jdbc", "spring-session-jdbc", "/visits", 3.0),
    ("JDBC, read-only", "keycard-jdbc", "spring-session-jdbc", "/read", None),
    ("cookie on Temurin 25, virtual threads, against no session there", "keycard-cookie-vt", "none-vt", "/visits", None),
    ("cookie on Temurin 25, virtual threads, against no session there", "keycard-cookie-vt", "none-vt", "/read", None),
]


def load(run):
    rows = {}
    meta = {}
    for group in ("in-process", "stores"):
        path = os.path.join(run, group + ".json")
        if not os.path.exists(path):
            continue
        with open(path) as f:
            data = json.load(f)
        meta[group] = data
        for row in data["rows"]:
            rows[(row["variant"], row["endpoint"])] = row
    return rows, meta


def ratio(rows, top, bottom, endpoint):
    a, b = rows.get((top, endpoint)), rows.get((bottom, endpoint))
    if a is None or b is None:
        return None
    values = sorted(x[0] / y[0] for x, y in zip(a["samples"], b["samples"]))
    return values[0], statistics.median(values), values[-1], b["cpu_us"][1] / a["cpu_us"][1], median_interval(values)


def median_interval(ordered, confidence=0.90):
    """A distribution-free interval for the median of the rounds: the order statistics that
    enclose it with at least this confidence (binomial, p = 1/2)."""
    n = len(ordered)
    tail = (1 - confidence) / 2
    k, below = 0, 0.0
    while k < n // 2 and below + math.comb(n, k) / 2 ** n <= tail:
        below += math.comb(n, k) / 2 ** n
        k += 1
    return ordered[max(k - 1, 0)], ordered[min(n - k, n - 1)]


def variant_table(rows, meta, group, baseline):
    data = meta[group]
    print(f"\n{data['rounds']} rounds of {data['slice']} s, wrk -t{data['connections']} -c{data['connections']}, "
          f"{data['cpu']}, {data['cores']} cores; ratio to `{baseline}`, median [min–max] of the rounds\n")
    print("| variant | endpoint | requests/s (median) | ratio | CPU µs per request | bytes allocated per request | warm-up to steady | methods compiled (Keycard's) |")
    print("|---|---|---:|---:|---:|---:|---:|---:|")
    variants = list(data["warmup"].keys())
    for endpoint in ("/visits", "/read"):
        for variant in variants:
            row = rows[(variant, endpoint)]
            r = ratio(rows, variant, baseline, endpoint)
            warm = data["warmup"][variant]
            print(f"| {variant} | {endpoint} | {row['rps'][1]:,.0f} | {r[1]:.2f} [{r[0]:.2f}–{r[2]:.2f}] | "
                  f"{row['cpu_us'][1]:.1f} | {row['allocated_bytes'][1]:,.0f} | {warm['seconds']:.0f} s | "
                  f"{warm['compiled'][0]:,} ({warm['compiled'][1]}) |")


def main():
    run = sys.argv[1]
    rows, meta = load(run)
    second = load(sys.argv[2])[0] if len(sys.argv) > 2 else None
    print("| target | ratio | endpoint | median [min–max] | 90% interval of the median | CPU ratio | second run | apart | met |")
    print("|---|---|---|---:|---:|---:|---:|---:|---|")
    worst = 0.0
    for what, top, bottom, endpoint, least in TARGETS:
        r = ratio(rows, top, bottom, endpoint)
        if r is None:
            continue
        again = ratio(second, top, bottom, endpoint) if second else None
        apart = (again[1] / r[1] - 1) if again else None
        if apart is not None:
            worst = max(worst, abs(apart))
        met = "" if least is None else ("yes" if r[1] >= least else "**no**")
        interval = f"{r[4][0]:.2f}–{r[4][1]:.2f}"
        print(f"| {what} | `{top}` / `{bottom}` | {endpoint} | {r[1]:.2f} [{r[0]:.2f}–{r[2]:.2f}] | {interval} | "
              f"{r[3]:.2f} | {again[1]:.2f} | {apart:+.1%} | {met} |" if again else
              f"| {what} | `{top}` / `{bottom}` | {endpoint} | {r[1]:.2f} [{r[0]:.2f}–{r[2]:.2f}] | {interval} | "
              f"{r[3]:.2f} | | | {met} |")
    if second:
        print(f"\nLargest difference between the two runs' median ratios above: {worst:.1%}")
        for group, base in (("in-process", "none"), ("stores", "spring-session-redis")):
            data = meta.get(group)
            if not data:
                continue
            apart = []
            for variant in data["warmup"]:
                for endpoint in ("/visits", "/read"):
                    one, two = ratio(rows, variant, base, endpoint), ratio(second, variant, base, endpoint)
                    if one and two:
                        apart.append(abs(two[1] / one[1] - 1))
            print(f"{group}: every variant against `{base}`, largest difference {max(apart):.1%}, "
                  f"median {statistics.median(apart):.1%}")
    if "in-process" in meta:
        variant_table(rows, meta, "in-process", "none")
    if "stores" in meta:
        variant_table(rows, meta, "stores", "spring-session-redis")


if __name__ == "__main__":
    main()
