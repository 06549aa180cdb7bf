"""Capacity on paper (issue 15), driven by run-capacity.sh: for each variant, start the benchmark
application against a private Redis and a private PostgreSQL, make a fixed number of requests on
/visits and /read with wrk, and count the server-side work per request:

- Redis: INFO commandstats after CONFIG RESETSTAT (calls and usec per command), which commands
  the application sent and which a script ran (a separate short sample under MONITOR: a script's
  commands are timed inside its EVALSHA, so they are not added twice), and the redis-server
  process's CPU time (/proc/PID/task/*/schedstat, I/O and event loop included);
- PostgreSQL: statements per request by query (pg_stat_statements, with their execution time),
  transactions (pg_stat_database), WAL bytes (pg_current_wal_lsn deltas) and WAL records and
  full-page images (pg_stat_wal), rows changed per table and how many updates were HOT
  (pg_stat_user_tables), and the CPU time of the cluster's processes.

Then projects capacity from them (see BENCHMARKS.md for the assumptions). Prints Markdown tables
and writes OUTPUT/capacity.json.
"""
import argparse
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request

KEYCARD = "dev.keycard.session.autoconfigure.SessionAutoConfiguration"
SPRING_SESSION = "org.springframework.boot.session.autoconfigure.SessionAutoConfiguration"
SPRING_SESSION_JDBC = "org.springframework.boot.session.jdbc.autoconfigure.JdbcSessionAutoConfiguration"
ARGUMENTS = {  # the same variants as run-e2e.sh
    "keycard-redis": ["--spring.profiles.active=keycard", "--app.session.store=redis",
                      f"--spring.autoconfigure.exclude={SPRING_SESSION},{SPRING_SESSION_JDBC}"],
    "keycard-jdbc": ["--spring.profiles.active=keycard", "--app.session.store=jdbc",
                     f"--spring.autoconfigure.exclude={SPRING_SESSION},{SPRING_SESSION_JDBC}"],
    "spring-session-redis": ["--spring.profiles.active=http-session,spring-session-redis",
                             f"--spring.autoconfigure.exclude={KEYCARD},{SPRING_SESSION},{SPRING_SESSION_JDBC}"],
    "spring-session-jdbc": ["--spring.profiles.active=http-session", f"--spring.autoconfigure.exclude={KEYCARD}"],
}
PG_STATS_FLUSH = 11  # PostgreSQL 15 backends flush their statistics at most 10 s after going idle
CLUSTERS = (1, 3, 10, 30)
TARGETS = (1_000, 10_000, 100_000)


def run(command, **kwargs):
    return subprocess.run(command, check=True, capture_output=True, text=True, **kwargs).stdout


class Redis:
    def __init__(self, port, pid):
        self.port, self.pid = port, pid

    def cli(self, *args):
        return run(["redis-cli", "-p", str(self.port), *args])

    def reset(self):
        self.cli("config", "resetstat")

    def commandstats(self):
        stats = {}
        for line in self.cli("info", "commandstats").splitlines():
            match = re.match(r"cmdstat_([^:]+):calls=(\d+),usec=(\d+)", line.strip())
            if match and match.group(1) not in ("config", "info"):  # this script's own
                stats[match.group(1)] = {"calls": int(match.group(2)), "usec": int(match.group(3))}
        return stats

    def cpu_ns(self):
        return task_cpu_ns(self.pid)


def task_cpu_ns(pid):
    total = 0
    for task in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{task}/schedstat") as file:
                total += int(file.read().split()[0])
        except (FileNotFoundError, ProcessLookupError):
            pass
    return total


class Postgres:
    def __init__(self, port, pidfile):
        self.port = port
        with open(pidfile) as file:
            self.postmaster = int(file.readline())

    def query(self, sql, database="postgres"):
        return run(["psql", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "-d", database,
                    "-tAq", "-c", sql]).strip()

    def cpu_ns(self):
        """CPU time of the postmaster and each of its children, by pid."""
        result = {self.postmaster: task_cpu_ns(self.postmaster)}
        for pid in os.listdir("/proc"):
            if not pid.isdigit():
                continue
            try:
                with open(f"/proc/{pid}/stat") as file:
                    parent = int(file.read().rsplit(")", 1)[1].split()[1])
                if parent == self.postmaster:
                    result[int(pid)] = task_cpu_ns(int(pid))
            except (FileNotFoundError, ProcessLookupError, IndexError):
                pass
        return result

    def counters(self):
        """Cumulative counters; read in one transaction on database test (which counts it)."""
        sql = """select json_build_object(
            'lsn', pg_current_wal_lsn(),
            'xacts', (select xact_commit + xact_rollback from pg_stat_database where datname = 'test'),
            'commits', (select xact_commit from pg_stat_database where datname = 'test'),
            'wal', (select row_to_json(w) from (select wal_records, wal_fpi, wal_bytes::bigint, wal_write, wal_sync from pg_stat_wal) w),
            'tables', (select coalesce(json_object_agg(relname, json_build_object('ins', n_tup_ins, 'upd', n_tup_upd,
                       'hot', n_tup_hot_upd, 'del', n_tup_del)), '{}') from pg_stat_user_tables))"""
        return json.loads(self.query(sql, "test"))

    def wal_bytes(self, before, after):
        return int(self.query(f"select pg_wal_lsn_diff('{after}', '{before}')"))

    def reset_statements(self):
        self.query("select pg_stat_statements_reset()")

    def statements(self):
        sql = """select coalesce(json_agg(json_build_object('query', query, 'calls', calls,
                   'exec_ms', total_exec_time, 'rows', rows, 'wal_bytes', wal_bytes::bigint) order by calls desc), '[]')
                 from pg_stat_statements s join pg_database d on d.oid = s.dbid
                 where d.datname = 'test' and query not like '%pg_stat_user_tables%'"""
        return json.loads(self.query(sql))


class Application:
    def __init__(self, variant, options):
        self.variant, self.options = variant, options
        self.url = f"http://127.0.0.1:{options.app_port}"
        self.log = open(os.path.join(options.output, f"app-{variant}.log"), "w")
        self.process = subprocess.Popen(
            ["java", "-Xms512m", "-Xmx512m", "-cp", options.classpath, "dev.keycard.benchmarks.BenchmarkApplication",
             f"--server.port={options.app_port}", *ARGUMENTS[variant],
             f"--spring.data.redis.port={options.redis_port}",
             f"--spring.datasource.url=jdbc:postgresql://127.0.0.1:{options.pg_port}/test"],
            stdout=self.log, stderr=subprocess.STDOUT)
        for _ in range(240):
            if self.process.poll() is not None:
                sys.exit(f"{variant} did not start: see {self.log.name}")
            try:
                urllib.request.urlopen(self.url + "/read", timeout=2).read()
                return
            except OSError:
                time.sleep(0.5)
        sys.exit(f"{variant} did not answer in 120 s: see {self.log.name}")

    def cpu_ticks(self):
        with open(f"/proc/{self.process.pid}/stat") as file:
            fields = file.read().rsplit(")", 1)[1].split()
        return int(fields[11]) + int(fields[12])

    def wrk(self, endpoint, requests):
        """Exactly `requests` requests (rounded to the connections) on one endpoint; the CHECK line."""
        connections = self.options.connections
        with tempfile.TemporaryDirectory(dir=self.options.work) as markers:
            os.chmod(markers, 0o777)
            process = subprocess.Popen(
                ["wrk", f"-t{connections}", f"-c{connections}", "-d3600s", "-s", "benchmarks/capacity.lua", self.url,
                 "--", endpoint, str(requests // connections), markers],
                stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
            deadline = time.time() + 1800
            while len(os.listdir(markers)) < connections and process.poll() is None and time.time() < deadline:
                time.sleep(0.1)
            if process.poll() is None:
                process.send_signal(signal.SIGINT)
            output = process.communicate()[0]
        check = next((line for line in output.splitlines() if line.startswith("CHECK")), "CHECK missing")
        values = dict(item.split("=") for item in check.split()[1:]) if check != "CHECK missing" else {}
        return check, {key: int(value) for key, value in values.items()}

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.log.close()


def monitor_sample(redis, application, endpoint, requests=400):
    """Which commands the application sends, and which a script runs, by name (MONITOR)."""
    with tempfile.NamedTemporaryFile("w+", dir=application.options.work) as output:
        monitor = subprocess.Popen(["redis-cli", "-p", str(redis.port), "monitor"], stdout=output,
                                   stderr=subprocess.DEVNULL)
        time.sleep(0.5)
        application.wrk(endpoint, requests)
        time.sleep(0.5)
        monitor.terminate()
        monitor.wait()
        output.seek(0)
        sent, scripted = {}, {}
        for line in output:
            match = re.match(r'[\d.]+ \[\d+ ([^\]]+)\] "([^"]+)"', line)
            if not match or match.group(2).lower() in ("monitor", "config", "info"):
                continue
            counts = scripted if match.group(1) == "lua" else sent
            name = match.group(2).lower()
            counts[name] = counts.get(name, 0) + 1
        return sent, scripted


def measure(variant, endpoint, application, redis, postgres, options):
    uses_redis = "redis" in variant
    result = {"variant": variant, "endpoint": endpoint}
    if not uses_redis:
        time.sleep(PG_STATS_FLUSH)  # the warm-up's statistics reach pg_stat_* first
        before = postgres.counters()
        postgres.reset_statements()
        pg_cpu_before = postgres.cpu_ns()
    else:
        redis.reset()
        redis_cpu_before = redis.cpu_ns()
    app_before = application.cpu_ticks()
    started = time.time()
    check, values = application.wrk(endpoint, options.requests)
    result["seconds"] = round(time.time() - started, 1)
    result["app_cpu_ticks"] = application.cpu_ticks() - app_before
    result["check"] = check
    requests = values.get("responses", 0)
    result["requests"] = requests
    result["ok"] = (requests > 0 and values.get("non200") == 0 and values.get("socket_errors") == 0
                    and (endpoint != "/visits" or values.get("miscounted_connections") == 0))
    if uses_redis:
        result["redis_cpu_ns"] = redis.cpu_ns() - redis_cpu_before
        result["commandstats"] = redis.commandstats()
        result["sent"], result["scripted"] = monitor_sample(redis, application, endpoint)
    else:
        pg_cpu_after = postgres.cpu_ns()
        result["statements"] = postgres.statements()
        time.sleep(PG_STATS_FLUSH)
        after = postgres.counters()
        result["pg_cpu_ns"] = sum(cpu - pg_cpu_before.get(pid, 0) for pid, cpu in pg_cpu_after.items())
        result["wal_bytes"] = postgres.wal_bytes(before["lsn"], after["lsn"])
        result["xacts"] = after["xacts"] - before["xacts"] - 1  # the counters' own read of before
        result["commits"] = after["commits"] - before["commits"] - 1
        result["wal"] = {key: after["wal"][key] - before["wal"][key] for key in after["wal"]}
        result["tables"] = {
            name: {key: counts[key] - before["tables"].get(name, {}).get(key, 0) for key in counts}
            for name, counts in after["tables"].items()}
    return result


def redis_figures(result):
    """Per request: each command's calls and usec, and the server time counted once."""
    requests = result["requests"]
    rows, server_usec, sent_total = [], 0.0, 0.0
    sent, scripted = result["sent"], result["scripted"]
    for name, stats in sorted(result["commandstats"].items(), key=lambda item: -item[1]["calls"]):
        seen = sent.get(name, 0) + scripted.get(name, 0)
        share_sent = sent.get(name, 0) / seen if seen else 1.0
        per_call = stats["usec"] / stats["calls"] if stats["calls"] else 0.0
        rows.append({"command": name, "calls_per_request": stats["calls"] / requests, "usec_per_call": per_call,
                     "from_script": share_sent < 0.5})
        server_usec += stats["usec"] * share_sent / requests
        sent_total += stats["calls"] * share_sent / requests
    return {"commands": rows, "server_usec": server_usec, "sent_per_request": sent_total,
            "executed_per_request": sum(row["calls_per_request"] for row in rows),
            "process_cpu_usec": result["redis_cpu_ns"] / 1000 / requests}


def pg_figures(result):
    """Per request: statements (transaction control apart), transactions, WAL, time and CPU."""
    n = result["requests"]
    work = [s for s in result["statements"] if s["query"].strip().upper() not in ("BEGIN", "COMMIT", "ROLLBACK")]
    tables = result["tables"].values()
    result["figures"] = {
        "statements": sum(s["calls"] for s in work) / n, "xacts": result["xacts"] / n,
        "commits": result["commits"] / n, "flushes": result["wal"]["wal_sync"] / n,
        "wal_bytes": result["wal_bytes"] / n,
        "statement_wal_bytes": sum(s["wal_bytes"] for s in result["statements"]) / n,
        "exec_usec": sum(s["exec_ms"] for s in result["statements"]) * 1000 / n,
        "cpu_usec": result["pg_cpu_ns"] / 1000 / n,
        "updated": sum(t["upd"] for t in tables) / n, "hot": sum(t["hot"] for t in tables) / n,
        "inserted": sum(t["ins"] for t in tables) / n}
    return result["figures"]


def summary(paths):
    """Several runs side by side: median [min-max] per figure, and the projections from the medians."""
    runs = []
    for path in paths:
        with open(path) as file:
            runs.append(json.load(file))
    by_key = {}
    for run in runs:
        for r in run["results"]:
            figures = redis_figures(r) if "commandstats" in r else pg_figures(r)
            by_key.setdefault((r["variant"], r["endpoint"]), []).append(figures)

    def spread(values, digits):
        values = sorted(values)
        median = values[len(values) // 2] if len(values) % 2 else sum(values[len(values) // 2 - 1:len(values) // 2 + 1]) / 2
        return median, f"{median:,.{digits}f} [{values[0]:,.{digits}f}–{values[-1]:,.{digits}f}]"

    print(f"\n{len(runs)} runs: " + ", ".join(run["date"] for run in runs) + f"; CPU: {runs[0]['cpu']}")
    print("\n| variant | endpoint | commands sent | commands executed | server µs (commandstats) | redis-server CPU µs | "
          "requests/s per core: commandstats / CPU | 3 primaries | 10 primaries | 30 primaries |")
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for (variant, endpoint), figures in by_key.items():
        if "server_usec" not in figures[0]:
            continue
        server, server_text = spread([f["server_usec"] for f in figures], 2)
        cpu, cpu_text = spread([f["process_cpu_usec"] for f in figures], 1)
        print(f"| {variant} | {endpoint} | {figures[0]['sent_per_request']:.2f} | {figures[0]['executed_per_request']:.2f} | "
              f"{server_text} | {cpu_text} | {1e6 / server:,.0f} / {1e6 / cpu:,.0f} | "
              + " | ".join(f"{1e6 / server * n:,.0f} / {1e6 / cpu * n:,.0f}" for n in CLUSTERS[1:]) + " |")
    print("\n| variant | endpoint | statements | transactions | WAL flushes | WAL bytes: statements | WAL bytes: all (LSN) | "
          "statement time µs | cluster CPU µs | requests/s per core: statement time / CPU | "
          + " | ".join(f"at {t:,}/s: transactions/s, WAL flushes/s, WAL MB/s" for t in TARGETS) + " |")
    print("|---|---|" + "---:|" * (8 + len(TARGETS)))
    for (variant, endpoint), figures in by_key.items():
        if "exec_usec" not in figures[0]:
            continue
        medians, texts = {}, {}
        for key, digits in (("statements", 2), ("xacts", 2), ("flushes", 2), ("statement_wal_bytes", 0),
                            ("wal_bytes", 0), ("exec_usec", 1), ("cpu_usec", 1)):
            medians[key], texts[key] = spread([f[key] for f in figures], digits)
        cells = [f"{medians['xacts'] * t:,.0f}, {medians['flushes'] * t:,.0f}, {medians['wal_bytes'] * t / 1e6:.2f}"
                 for t in TARGETS]
        print(f"| {variant} | {endpoint} | " + " | ".join(texts[key] for key in
              ("statements", "xacts", "flushes", "statement_wal_bytes", "wal_bytes", "exec_usec", "cpu_usec"))
              + f" | {1e6 / medians['exec_usec']:,.0f} / {1e6 / medians['cpu_usec']:,.0f} | " + " | ".join(cells) + " |")


def shorten(query, width=90):
    query = " ".join(query.split())
    return query if len(query) <= width else query[:width - 1] + "…"


def report(results, options, cpu, date):
    print()
    print(f"CPU: {cpu}; {options.requests} requests per endpoint, wrk -t{options.connections} "
          f"-c{options.connections}; {date}")
    redis_results = [r for r in results if "commandstats" in r]
    pg_results = [r for r in results if "statements" in r]
    if redis_results:
        print("\n### Redis, per request (measured)\n")
        print("| variant | endpoint | requests | commands sent | commands executed | by command: calls × usec_per_call | server µs (commandstats) | redis-server CPU µs | checks |")
        print("|---|---|---:|---:|---:|---|---:|---:|---|")
        for r in redis_results:
            f = r["figures"] = redis_figures(r)
            detail = ", ".join(f"{c['command']}{' (script)' if c['from_script'] else ''} {c['calls_per_request']:.2f} × {c['usec_per_call']:.2f}"
                               for c in f["commands"] if c["calls_per_request"] >= 0.005)
            print(f"| {r['variant']} | {r['endpoint']} | {r['requests']:,} | {f['sent_per_request']:.2f} | "
                  f"{f['executed_per_request']:.2f} | {detail} | {f['server_usec']:.2f} | {f['process_cpu_usec']:.1f} | "
                  f"{'ok' if r['ok'] else r['check']} |")
        print("\n### Redis, projected (derived: linear in cores and primaries, an upper bound)\n")
        print("| variant | endpoint | basis | µs per request | requests/s per core | 3 primaries | 10 primaries | 30 primaries |")
        print("|---|---|---|---:|---:|---:|---:|---:|")
        for r in redis_results:
            f = r["figures"]
            for basis, usec in (("commandstats (execution only)", f["server_usec"]),
                                ("redis-server CPU (I/O included)", f["process_cpu_usec"])):
                per_core = 1e6 / usec if usec else float("inf")
                print(f"| {r['variant']} | {r['endpoint']} | {basis} | {usec:.2f} | {per_core:,.0f} | "
                      + " | ".join(f"{per_core * n:,.0f}" for n in CLUSTERS[1:]) + " |")
    if pg_results:
        print("\n### PostgreSQL, per request (measured)\n")
        print("| variant | endpoint | requests | statements (without BEGIN/COMMIT) | transactions | WAL flushes | WAL bytes: statements | WAL bytes: all (LSN) | WAL records | full-page images | rows updated (HOT) / inserted | statement time µs | cluster CPU µs | checks |")
        print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---|")
        for r in pg_results:
            n, f = r["requests"], pg_figures(r)
            print(f"| {r['variant']} | {r['endpoint']} | {n:,} | {f['statements']:.2f} | {f['xacts']:.2f} | "
                  f"{f['flushes']:.2f} | {f['statement_wal_bytes']:,.0f} | {f['wal_bytes']:,.0f} | "
                  f"{r['wal']['wal_records'] / n:.2f} | {r['wal']['wal_fpi'] / n:.3f} | "
                  f"{f['updated']:.2f} ({f['hot']:.2f}) / {f['inserted']:.3f} | {f['exec_usec']:.1f} | "
                  f"{f['cpu_usec']:.1f} | {'ok' if r['ok'] else r['check']} |")
        print("\n#### Statements per request (pg_stat_statements)\n")
        print("| variant | endpoint | calls per request | mean µs | WAL bytes per call | statement |")
        print("|---|---|---:|---:|---:|---|")
        for r in pg_results:
            for s in r["statements"]:
                print(f"| {r['variant']} | {r['endpoint']} | {s['calls'] / r['requests']:.3f} | "
                      f"{s['exec_ms'] * 1000 / s['calls']:.1f} | {s['wal_bytes'] / s['calls']:,.0f} | `{shorten(s['query'])}` |")
        print("\n### PostgreSQL, projected at a session request rate (derived: linear)\n")
        print("| variant | endpoint | " + " | ".join(f"at {t:,}/s: transactions/s, WAL flushes/s, WAL MB/s" for t in TARGETS)
              + " | requests/s per core (statement time) | requests/s per core (cluster CPU) |")
        print("|---|---|" + "---:|" * (len(TARGETS) + 2))
        for r in pg_results:
            f = r["figures"]
            cells = [f"{f['xacts'] * t:,.0f}, {f['flushes'] * t:,.0f}, {f['wal_bytes'] * t / 1e6:.2f}" for t in TARGETS]
            print(f"| {r['variant']} | {r['endpoint']} | " + " | ".join(cells)
                  + f" | {1e6 / f['exec_usec']:,.0f} | {1e6 / f['cpu_usec']:,.0f} |")


def cpu_model():
    with open("/proc/cpuinfo") as file:
        models = [line.split(":", 1)[1].strip() for line in file if line.startswith("model name")]
    return f"{models[0]} × {len(models)}" if models else "unknown"


def main():
    if len(sys.argv) > 2 and sys.argv[1] == "--summary":  # several runs' capacity.json
        summary(sys.argv[2:])
        return
    if len(sys.argv) == 3 and sys.argv[1] == "--report":  # the tables again from a run's capacity.json
        with open(sys.argv[2]) as file:
            saved = json.load(file)
        report(saved["results"], argparse.Namespace(requests=saved["requests"], connections=saved["connections"]),
               saved["cpu"], saved["date"])
        return
    parser = argparse.ArgumentParser()
    for name in ("classpath", "variants", "work", "output", "pg-pidfile"):
        parser.add_argument(f"--{name}", required=True)
    for name in ("requests", "connections", "app-port", "redis-port", "redis-pid", "pg-port"):
        parser.add_argument(f"--{name}", type=int, required=True)
    options = parser.parse_args()
    redis = Redis(options.redis_port, options.redis_pid)
    postgres = Postgres(options.pg_port, options.pg_pidfile)
    results = []
    for variant in options.variants.split():
        print(f"{variant}: starting", flush=True)
        application = Application(variant, options)
        try:
            application.wrk("/visits", 2000)  # connections, pools, schema and JIT before counting
            for endpoint in ("/visits", "/read"):
                result = measure(variant, endpoint, application, redis, postgres, options)
                print(f"  {endpoint}: {result['requests']} requests in {result['seconds']} s; {result['check']}", flush=True)
                results.append(result)
        finally:
            application.stop()
    date = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    with open(os.path.join(options.output, "capacity.json"), "w") as file:
        json.dump({"cpu": cpu_model(), "requests": options.requests, "connections": options.connections,
                   "date": date, "results": results}, file, indent=1)
    report(results, options, cpu_model(), date)


if __name__ == "__main__":
    main()
