#!/usr/bin/env python3
"""End-to-end benchmark that holds on a small, noisy machine (see BENCHMARKS.md).

Every variant runs in a JVM of its own, all started at once on ports of their own. Each JVM is
warmed until it is steady (successive windows of /visits within a few per cent of each other,
not a fixed time), then the variants are measured in short slices, many rounds, the order
shuffled in every round, so that whatever else the machine does falls on all of them alike.
A ratio is taken within each round (variant against the baseline, same round) and reported as
the median of the rounds with its spread; so is the application CPU per request, read from
/proc for each JVM during its own slices.

    benchmarks/interleaved.py --variant NAME=CLASSPATH::ARGS[::JAVA] ... --baseline NAME [options]
    benchmarks/interleaved.py --compare FIRST.json SECOND.json   # how close two runs came
    benchmarks/interleaved.py --pairs RUN.json A/B ...            # more ratios, round by round

Beside throughput and CPU, each slice reads the JVM's allocated bytes (the benchmark
application's /benchmark/allocated) for allocation per request, and after its warm-up each
JVM's compiled methods are counted with jcmd (Compiler.codelist), Keycard's apart.

benchmarks/run-interleaved.sh builds the application and passes the usual variants.
"""

import argparse
import json
import os
import platform
import random
import re
import signal
import statistics
import subprocess
import sys
import time
import urllib.request

CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
LUA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "session.lua")


def cpu_model():
    with open("/proc/cpuinfo") as cpuinfo:
        for line in cpuinfo:
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    return platform.processor() or "unknown"


def cpu_seconds(pid):
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS


def wrk(port, endpoint, seconds, connections, counts=False):
    output = subprocess.run(
        ["wrk", f"-t{connections}", f"-c{connections}", f"-d{seconds}s", "-s", LUA, f"http://127.0.0.1:{port}",
         "--", endpoint], capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"^Requests/sec:\s+([\d.]+)", output, re.M).group(1))
    check = re.search(r"^CHECK.*$", output, re.M)
    fields = dict(re.findall(r"(\w+)=(\d+)", check.group(0))) if check else {}
    failed = not fields or fields["non200"] != "0" or fields["socket_errors"] != "0" or (
        counts and fields["miscounted_connections"] != "0")
    if failed:
        raise SystemExit(f"wrk on :{port}{endpoint} reported failures: {check.group(0) if check else output}")
    return rps


def allocated_bytes(port):
    return int(urllib.request.urlopen(f"http://127.0.0.1:{port}/benchmark/allocated", timeout=5).read())


def compiled_methods(java, pid):
    """Methods the JIT has compiled so far (C1 and C2 alike), and how many of them are Keycard's."""
    jcmd = os.path.join(os.path.dirname(java), "jcmd")
    output = subprocess.run([jcmd, str(pid), "Compiler.codelist"], capture_output=True, text=True).stdout
    methods = [line for line in output.splitlines() if re.match(r"^\d+ \d+ \d+ ", line)]
    return len(methods), sum(1 for line in methods if " dev.keycard.session." in line)


class Variant:

    def __init__(self, name, classpath, arguments, port, java, heap):
        self.name = name
        self.port = port
        self.java = java
        self.log = open(f"benchmarks/target/interleaved-{name}.log", "w")
        command = [java, f"-Xms{heap}", f"-Xmx{heap}", "-cp", classpath, "dev.keycard.benchmarks.BenchmarkApplication",
                   f"--server.port={port}"] + arguments.split()
        self.process = subprocess.Popen(command, stdout=self.log, stderr=subprocess.STDOUT)
        self.warmup = []
        # Only sessions count each connection's visits; the baselines without one do not.
        self.counts = not name.startswith(("none", "static"))

    def wait_until_up(self, timeout=120):
        deadline = time.time() + timeout
        while time.time() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"{self.name} exited; see {self.log.name}")
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{self.port}/read", timeout=2).read()
                return
            except OSError:
                time.sleep(0.5)
        raise SystemExit(f"{self.name} did not start within {timeout} s; see {self.log.name}")

    def warm(self, window, tolerance, steady_windows, limit, connections):
        """Run /visits in windows until the last few agree within the tolerance."""
        started = time.time()
        while True:
            self.warmup.append(wrk(self.port, "/visits", window, connections, self.counts))
            recent = self.warmup[-steady_windows:]
            if len(recent) == steady_windows and (max(recent) - min(recent)) / max(recent) <= tolerance:
                return time.time() - started, True
            if time.time() - started > limit:
                return time.time() - started, False

    def stop(self):
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.log.close()


def spread(values):
    ordered = sorted(values)
    return ordered[0], statistics.median(ordered), ordered[-1]


def compare(first_file, second_file):
    """Print how far two runs' median ratios and CPU per request are apart, row by row."""
    with open(first_file) as first, open(second_file) as second:
        runs = json.load(first), json.load(second)
    rows = [{(row["variant"], row["endpoint"]): row for row in run["rows"]} for run in runs]
    print(f"{'variant':<28}{'endpoint':<9}{'ratio 1':>9}{'ratio 2':>9}{'apart':>8}{'CPU 1':>8}{'CPU 2':>8}{'apart':>8}")
    worst = 0.0
    for key, one in rows[0].items():
        two = rows[1].get(key)
        if two is None:
            continue
        ratio_apart = two["ratio"][1] / one["ratio"][1] - 1
        cpu_apart = two["cpu_us"][1] / one["cpu_us"][1] - 1
        worst = max(worst, abs(ratio_apart))
        print(f"{key[0]:<28}{key[1]:<9}{one['ratio'][1]:>9.3f}{two['ratio'][1]:>9.3f}{ratio_apart:>+8.1%}"
              f"{one['cpu_us'][1]:>8.1f}{two['cpu_us'][1]:>8.1f}{cpu_apart:>+8.1%}")
    print(f"largest difference of a median ratio: {worst:.1%}")


def pairs(run_file, wanted):
    """Print ratios of two variants of one run, taken round by round as the baseline's are."""
    with open(run_file) as run:
        rows = {(row["variant"], row["endpoint"]): row for row in json.load(run)["rows"]}
    endpoints = sorted({endpoint for _, endpoint in rows})
    print(f"{'ratio':<52}{'endpoint':<9}{'min':>8}{'median':>8}{'max':>8}{'CPU ratio':>11}{'B/req':>14}")
    for pair in wanted:
        top, bottom = pair.split("/")
        for endpoint in endpoints:
            if (top, endpoint) not in rows or (bottom, endpoint) not in rows:
                continue
            a, b = rows[(top, endpoint)], rows[(bottom, endpoint)]
            ratios = spread([x[0] / y[0] for x, y in zip(a["samples"], b["samples"])])
            cpu = b["cpu_us"][1] / a["cpu_us"][1]
            allocation = f"{a['allocated_bytes'][1]:.0f}/{b['allocated_bytes'][1]:.0f}"
            print(f"{pair:<52}{endpoint:<9}{ratios[0]:>8.3f}{ratios[1]:>8.3f}{ratios[2]:>8.3f}{cpu:>11.3f}"
                  f"{allocation:>14}")


def main():
    if len(sys.argv) == 4 and sys.argv[1] == "--compare":
        compare(sys.argv[2], sys.argv[3])
        return
    if len(sys.argv) >= 4 and sys.argv[1] == "--pairs":
        pairs(sys.argv[2], sys.argv[3:])
        return
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--variant", action="append", required=True, help="NAME=CLASSPATH::ARGUMENTS")
    parser.add_argument("--baseline", required=True, help="the variant every ratio is against")
    parser.add_argument("--endpoints", default="/visits,/read")
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--slice", type=int, default=4, help="seconds per variant and endpoint per round")
    parser.add_argument("--connections", type=int, default=4, help="wrk -t and -c (a cookie jar per connection)")
    parser.add_argument("--warmup-window", type=int, default=5)
    parser.add_argument("--warmup-tolerance", type=float, default=0.05)
    parser.add_argument("--warmup-steady", type=int, default=3, help="successive windows that must agree")
    parser.add_argument("--warmup-limit", type=int, default=150, help="seconds before giving up on steadiness")
    parser.add_argument("--java", default=os.path.join(os.environ.get("JAVA_HOME", "/usr"), "bin", "java"))
    parser.add_argument("--heap", default="512m")
    parser.add_argument("--first-port", type=int, default=18180)
    parser.add_argument("--seed", type=int, default=int(time.time()))
    parser.add_argument("--json", help="also write the results to this file")
    parser.add_argument("--keep-running", metavar="FILE",
                        help="after the warm-up, write 'PID PORT JAVA' of the first variant to FILE and wait to be "
                             "stopped (run-profile.sh profiles it meanwhile)")
    options = parser.parse_args()
    random.seed(options.seed)
    # Stopped by a signal, the JVMs are stopped too (the finally below).
    signal.signal(signal.SIGTERM, lambda *ignored: sys.exit(143))
    endpoints = options.endpoints.split(",")

    variants = []
    for index, spec in enumerate(options.variant):
        name, rest = spec.split("=", 1)
        classpath, _, rest = rest.partition("::")
        arguments, _, java = rest.partition("::")
        variants.append(Variant(name, classpath, arguments, options.first_port + index, java or options.java,
                                options.heap))
    try:
        for variant in variants:
            variant.wait_until_up()
        print(f"CPU: {cpu_model()}, {os.cpu_count()} cores; java {options.java}; wrk -t{options.connections} "
              f"-c{options.connections}; {options.rounds} rounds of {options.slice} s slices; seed {options.seed}")
        for variant in variants:
            seconds, steady = variant.warm(options.warmup_window, options.warmup_tolerance, options.warmup_steady,
                                           options.warmup_limit, options.connections)
            windows = " ".join(f"{rps / 1000:.1f}k" for rps in variant.warmup)
            variant.compiled = compiled_methods(variant.java, variant.process.pid)
            variant.warmup_seconds = seconds
            print(f"warm-up {variant.name}: {seconds:.0f} s, {'steady' if steady else 'NOT steady'}: {windows}; "
                  f"compiled methods {variant.compiled[0]}, of them Keycard's {variant.compiled[1]}")
            sys.stdout.flush()
        if options.keep_running:
            with open(options.keep_running, "w") as out:
                out.write(f"{variants[0].process.pid} {variants[0].port} {variants[0].java}\n")
            while True:
                time.sleep(1)
        samples = {(v.name, e): [] for v in variants for e in endpoints}
        for round_number in range(options.rounds):
            order = [(v, e) for v in variants for e in endpoints]
            random.shuffle(order)
            for variant, endpoint in order:
                allocated = allocated_bytes(variant.port)
                before = cpu_seconds(variant.process.pid)
                rps = wrk(variant.port, endpoint, options.slice, options.connections, variant.counts)
                cpu = cpu_seconds(variant.process.pid) - before
                allocated = allocated_bytes(variant.port) - allocated
                requests = rps * options.slice
                samples[(variant.name, endpoint)].append((rps, cpu / requests * 1e6, allocated / requests))
            print(f"round {round_number + 1}/{options.rounds} done")
            sys.stdout.flush()
    finally:
        for variant in variants:
            variant.stop()

    results = {"cpu": cpu_model(), "cores": os.cpu_count(), "connections": options.connections,
               "rounds": options.rounds, "slice": options.slice, "seed": options.seed, "rows": [],
               "warmup": {v.name: {"seconds": v.warmup_seconds, "windows": v.warmup, "compiled": v.compiled}
                          for v in variants}}
    print()
    print(f"{'variant':<28}{'endpoint':<9}{'requests/s (min med max)':>30}{'CPU us/req':>11}{'B/req':>9}"
          f"{'ratio to ' + options.baseline + ' (min med max)':>42}")
    for endpoint in endpoints:
        base = samples[(options.baseline, endpoint)]
        for variant in variants:
            rows = samples[(variant.name, endpoint)]
            rps = spread([r for r, _, _ in rows])
            cpu = spread([c for _, c, _ in rows])
            allocation = spread([a for _, _, a in rows])
            ratios = spread([r / b[0] for (r, _, _), b in zip(rows, base)])
            print(f"{variant.name:<28}{endpoint:<9}{rps[0]:>10.0f}{rps[1]:>10.0f}{rps[2]:>10.0f}{cpu[1]:>11.1f}"
                  f"{allocation[1]:>9.0f}{ratios[0]:>15.3f}{ratios[1]:>13.3f}{ratios[2]:>13.3f}")
            results["rows"].append({"variant": variant.name, "endpoint": endpoint, "rps": rps, "cpu_us": cpu,
                                    "allocated_bytes": allocation, "ratio": ratios, "samples": rows})
    if options.json:
        with open(options.json, "w") as out:
            json.dump(results, out, indent=2)


if __name__ == "__main__":
    main()
