"""Summarize the end-to-end benchmark: medians per variant and endpoint, ratios to no session."""
import csv
import statistics
import sys

results, ticks_per_second, duration = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
rows = list(csv.DictReader(open(results), delimiter="\t"))
by_key = {}
for row in rows:
    by_key.setdefault((row["variant"], row["endpoint"]), []).append(row)

def median(key, field, per_request=False, scale=1.0):
    values = []
    for row in by_key[key]:
        value = float(row[field])
        if per_request:
            requests = float(row["rps"]) * duration
            value = value * scale / requests if requests else float("nan")
        values.append(value)
    return statistics.median(values)

variants = list(dict.fromkeys(row["variant"] for row in rows))
print()
print("| variant | endpoint | requests/s (median) | ratio to no session | app CPU per request | Redis round trips per request | Redis commands executed per request | PostgreSQL transactions per request | checks |")
print("|---|---|---:|---:|---:|---:|---:|---:|---|")
for endpoint in ("/visits", "/read"):
    baseline = median(("none", endpoint), "rps") if ("none", endpoint) in by_key else None
    for variant in variants:
        key = (variant, endpoint)
        if key not in by_key:
            continue
        rps = median(key, "rps")
        ratio = f"{rps / baseline:.2f}" if baseline else "n/a"
        cpu = median(key, "cpu_ticks", per_request=True, scale=1e6 / ticks_per_second)
        redis = median(key, "redis_commands", per_request=True)
        trips = statistics.median(float(row["redis_round_trips"]) / float(row["sample_requests"])
                                  if float(row["sample_requests"]) else 0.0 for row in by_key[key])
        pg = median(key, "pg_transactions", per_request=True)
        checks = "; ".join(sorted(set(row["check"].replace("CHECK ", "") for row in by_key[key])))
        # The baselines' counters do not count, and /read only reads it.
        counted = variant not in ("none", "static-cookie") and endpoint == "/visits"
        ok = all("non200=0 " in row["check"] and "socket_errors=0" in row["check"]
                 and (not counted or "miscounted_connections=0" in row["check"]) for row in by_key[key])
        print(f"| {variant} | {endpoint} | {rps:,.0f} | {ratio} | {cpu:.0f} µs | {trips:.2f} | {redis:.2f} | {pg:.2f} | {'ok' if ok else 'FAILED: ' + checks} |")
