#!/usr/bin/env python3
"""engage against the pandas + XlsxWriter + matplotlib peer, on the same files, in one run.

    python3 Benchmarks/bench.py             # 100, 10k, 100k, 1M posts, 10k heavy-tailed + the 200-account batch
    python3 Benchmarks/bench.py --quick     # 10k posts and 10k heavy-tailed posts only (about a minute)
    python3 Benchmarks/bench.py --sizes 100,10000 --runs 5 --skip-peer-above 100000
    python3 Benchmarks/bench.py --only store   # the history store's rows alone

The peer is Benchmarks/peer_report.py (pandas + XlsxWriter + matplotlib doing the same report);
inputs come from Benchmarks/gen_export.py (seed 7), cached under .build/bench-data/; the row
"10,000 heavy" is Benchmarks/heavy_tailed.py's account (seed 17), shaped like real exports. For each size engage and the peer run alternately, --runs times each (once at
1M), and the table shows the median wall time and peak RSS of each child process (from wait4,
the kernel's own accounting), the ratio peer / engage, and engage's phases (--timings).
Always exits 0 after printing; a failed run shows as "failed" in the table. Results are also
written to .build/bench-results.json.
"""
import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
HERE = os.path.join(ROOT, "Benchmarks")
DATA = os.path.join(ROOT, ".build", "bench-data")
ENGAGE = os.path.join(ROOT, ".build", "release", "engage")
SEED = 7
CAMPAIGNS = """campaigns:
  - name: campA
    control: true
    hashtags: ["#campA"]
  - name: campB
    hashtags: ["#campB"]
  - name: campC
    hashtags: ["#campC"]
"""


def run_child(cmd, cwd=None):
    """Runs cmd; returns (wall seconds, peak RSS MB, exit status, stderr text)."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    err = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    return wall, usage.ru_maxrss / 1024, proc.returncode, err.decode("utf-8", "replace")


def export(rows, seed=SEED, handle=None):
    """gen_export.py's legacy export with `rows` posts, cached."""
    os.makedirs(DATA, exist_ok=True)
    name = f"legacy_{rows}_{seed}" + (f"_{handle}" if handle else "") + ".csv"
    path = os.path.join(DATA, name)
    if not os.path.exists(path):
        cmd = [sys.executable, os.path.join(HERE, "gen_export.py"), str(rows), str(seed), path]
        if handle:
            cmd += ["--handle", handle]
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    return path


def heavy_export(rows, seed=17):
    """heavy_tailed.py's legacy export with `rows` posts (impressions over four orders of magnitude), cached."""
    os.makedirs(DATA, exist_ok=True)
    path = os.path.join(DATA, f"heavy_{rows}_{seed}.csv")
    if not os.path.exists(path):
        subprocess.run([sys.executable, os.path.join(HERE, "heavy_tailed.py"), path, "--posts", str(rows),
                        "--seed", str(seed)], check=True, stdout=subprocess.DEVNULL)
    return path


def campaigns_file():
    path = os.path.join(DATA, "campaigns.yaml")
    with open(path, "w") as f:
        f.write(CAMPAIGNS)
    return path


def engage_cmd(path, out):
    return [ENGAGE, "report", path, "--tz", "America/New_York", "--campaigns", campaigns_file(),
            "--out", out, "--timings", "--quiet"]


def peer_cmd(path, out):
    return [sys.executable, os.path.join(HERE, "peer_report.py"), path, "--out-dir", out,
            "--tz", "America/New_York"]


PHASE = re.compile(r"^\s*([a-z]+)\s+([0-9.]+) s$", re.M)


def measure(rows, runs, with_peer, heavy=False):
    path = heavy_export(rows) if heavy else export(rows)
    size_mb = os.path.getsize(path) / 1e6
    out = os.path.join(DATA, "out")
    engage_runs, peer_runs, phases = [], [], {}
    for _ in range(runs):
        shutil.rmtree(out, ignore_errors=True)
        wall, rss, rc, err = run_child(engage_cmd(path, out))
        if rc != 0:
            engage_runs.append(None)
            print(f"  engage failed at {rows}: {err.strip()[-300:]}", file=sys.stderr)
        else:
            engage_runs.append((wall, rss))
            for name, seconds in PHASE.findall(err):
                phases.setdefault(name, []).append(float(seconds))
        if with_peer:
            shutil.rmtree(out, ignore_errors=True)
            wall, rss, rc, err = run_child(peer_cmd(path, out))
            peer_runs.append((wall, rss) if rc == 0 else None)
            if rc != 0:
                print(f"  peer failed at {rows}: {err.strip()[-300:]}", file=sys.stderr)
    shutil.rmtree(out, ignore_errors=True)

    def summary(results):
        ok = [r for r in results if r]
        if not ok:
            return None
        return {"wall_s": statistics.median(r[0] for r in ok), "rss_mb": max(r[1] for r in ok),
                "runs": [round(r[0], 3) for r in ok]}

    return {"rows": rows, "heavy": heavy, "file_mb": round(size_mb, 1), "engage": summary(engage_runs),
            "peer": summary(peer_runs) if with_peer else None,
            "phases": {k: statistics.median(v) for k, v in phases.items()}}


def compare_halves(rows=100_000, runs=3):
    """`engage compare` on the export split into two campaigns by year (about 50,000 posts a side): the
    permutation test, the bootstrap and the rest of a comparison on 100,000 posts (issue 17)."""
    path = os.path.join(DATA, "halves.yaml")
    with open(path, "w") as f:
        f.write("campaigns:\n  - name: y2023\n    control: true\n    to: 2023-12-31\n"
                "  - name: y2024\n    from: 2024-01-01\n")
    cmd = [ENGAGE, "compare", export(rows), "--campaigns", path, "--json"]
    return {"rows": rows, "wall_s": statistics.median(run_child(cmd)[0] for _ in range(runs))}


def ingest_throughput(rows):
    path = export(rows)
    walls = [run_child([ENGAGE, "validate", path])[0] for _ in range(3)]
    wall = statistics.median(walls)
    return {"rows": rows, "file_mb": os.path.getsize(path) / 1e6, "wall_s": wall,
            "mb_per_s": os.path.getsize(path) / 1e6 / wall}


def store_files(path):
    """The store file and its WAL and shared-memory files."""
    return [path + suffix for suffix in ("", "-wal", "-shm")]


def store_import(rows, runs=3):
    """Importing the `rows`-post export into a new store (wall time, peak RSS, bytes per post),
    beside `engage validate` on the same file; the two alternate, `runs` times each."""
    path = export(rows)
    store = os.path.join(DATA, f"store_{rows}.sqlite")
    validate, imports = [], []
    for _ in range(runs):
        wall, rss, rc, err = run_child([ENGAGE, "validate", path])
        validate.append((wall, rss) if rc == 0 else None)
        for name in store_files(store):
            if os.path.exists(name):
                os.remove(name)
        wall, rss, rc, err = run_child([ENGAGE, "store", "import", path, "--store", store, "--quiet"])
        imports.append((wall, rss) if rc == 0 else None)
        if rc != 0:
            print(f"  store import failed: {err.strip()[-300:]}", file=sys.stderr)
    size = sum(os.path.getsize(name) for name in store_files(store) if os.path.exists(name))
    for name in store_files(store):
        if os.path.exists(name):
            os.remove(name)

    def summary(results):
        ok = [r for r in results if r]
        return {"wall_s": statistics.median(r[0] for r in ok), "rss_mb": max(r[1] for r in ok),
                "runs": [round(r[0], 3) for r in ok]} if ok else None

    return {"rows": rows, "validate": summary(validate), "import": summary(imports),
            "bytes_per_post": size / rows if all(imports) else None}


def store_report(rows=14_620, runs=3):
    """Reports from a store holding two years of a 20-posts-a-day account (gen_export.py spreads
    `rows` posts over 2023-2024): one week, and the whole two years."""
    path = export(rows, seed=11, handle="daily_twenty")
    store = os.path.join(DATA, "store_two_years.sqlite")
    for name in store_files(store):
        if os.path.exists(name):
            os.remove(name)
    _, _, rc, err = run_child([ENGAGE, "store", "import", path, "--store", store, "--quiet"])
    if rc != 0:
        print(f"  store import failed: {err.strip()[-300:]}", file=sys.stderr)
        return None
    out = os.path.join(DATA, "store-out")
    periods = {"week": "2024-12-16..2024-12-22", "two years": "2023-01-01..2024-12-31"}
    result = {"rows": rows}
    for label, period in periods.items():
        walls, rss = [], 0
        for _ in range(runs):
            shutil.rmtree(out, ignore_errors=True)
            wall, peak, rc, err = run_child([ENGAGE, "report", "--store", store, "--period", period, "--tz", "America/New_York",
                                             "--campaigns", campaigns_file(), "--out", out, "--quiet"])
            if rc != 0:
                print(f"  report from the store ({label}) failed: {err.strip()[-300:]}", file=sys.stderr)
                continue
            walls.append(wall)
            rss = max(rss, peak)
        result[label] = {"wall_s": statistics.median(walls), "rss_mb": rss} if walls else None
    shutil.rmtree(out, ignore_errors=True)
    for name in store_files(store):
        if os.path.exists(name):
            os.remove(name)
    return result


def print_store(results):
    """The store's rows and issue 22's targets."""
    if "store_import" in results:
        s = results["store_import"]
        v, i = s["validate"], s["import"]
        if v and i:
            ratio = i["wall_s"] / v["wall_s"]
            print(f"\nstore import ({s['rows']:,} posts, a new store): {i['wall_s']:.2f} s, {i['rss_mb']:.0f} MB peak; "
                  f"engage validate on the same file {v['wall_s']:.2f} s, {v['rss_mb']:.0f} MB ({ratio:.2f}× validate's time); "
                  f"{s['bytes_per_post']:.0f} store bytes per post")
            print("\ntargets (issue 22):")
            print(f"  {'met    ' if ratio <= 2 else 'NOT MET'}  store import within 2x of engage validate: {ratio:.2f}x")
            print(f"  {'met    ' if i['rss_mb'] < 200 else 'NOT MET'}  store import under 200 MB peak: {i['rss_mb']:.0f} MB")
        else:
            print("\nstore import: failed")
    if "store_report" in results:
        r = results["store_report"]
        if r is None:
            print("report from the store: failed")
        else:
            parts = [f"{label} {fmt(r[label] and r[label]['wall_s'], '.3f')} s, {fmt(r[label] and r[label]['rss_mb'], '.0f')} MB"
                     for label in ("week", "two years")]
            print(f"report from the store (two years of 20 posts a day, {r['rows']:,} posts): " + "; ".join(parts))


def batch(accounts, rows, rounds=4):
    """An agency's Monday: one report per account, three ways, in interleaved rounds.

    The accounts are cut into `rounds` equal groups; for each group the three ways run one after
    the other (`--batch --parallel 1`, `--batch --parallel <cores>`, one `engage report` process
    per account), in an order that rotates from round to round. The VM's speed drifts over minutes,
    so three long runs measured one after another compared the drift as much as the code (1.47× and
    1.81× in two runs of the same binary); interleaved, each way meets the same moments. Each way's
    time is the sum over the rounds.
    """
    paths = [export(rows, seed=1000 + i, handle=f"client{i:03d}") for i in range(accounts)]
    groups = [list(range(accounts))[r::rounds] for r in range(rounds)]
    out = os.path.join(DATA, "batch-out")
    parallel = str(os.cpu_count() or 2)
    totals = {"serial": 0.0, "parallel": 0.0, "processes": 0.0}
    ok = {key: True for key in totals}

    def jobs_file(r, group):
        path = os.path.join(DATA, f"jobs_{accounts}x{rows}_{r}of{rounds}.yaml")
        with open(path, "w") as f:
            f.write("jobs:\n")
            for i in group:
                f.write(f"  - name: client{i:03d}\n    inputs: [{paths[i]}]\n    campaigns: {campaigns_file()}\n")
        return path

    def run_batch(key, jobs, workers):
        wall, _, rc, err = run_child([ENGAGE, "report", "--batch", jobs, "--parallel", workers, "--out", out,
                                      "--tz", "America/New_York", "--quiet"])
        if rc != 0:
            ok[key] = False
            print(f"  batch {key} failed: {err.strip()[-300:]}", file=sys.stderr)
        return wall

    def run_processes(group):
        # Without --batch: one `engage report` process per account, one after another.
        start = time.perf_counter()
        for i in group:
            _, _, rc, err = run_child([ENGAGE, "report", paths[i], "--campaigns", campaigns_file(), "--out",
                                       os.path.join(out, f"client{i:03d}"), "--tz", "America/New_York", "--quiet"])
            if rc != 0:
                ok["processes"] = False
                print(f"  process {i} failed: {err.strip()[-300:]}", file=sys.stderr)
        return time.perf_counter() - start

    for r, group in enumerate(groups):
        jobs = jobs_file(r, group)
        ways = [("serial", lambda: run_batch("serial", jobs, "1")),
                ("parallel", lambda: run_batch("parallel", jobs, parallel)),
                ("processes", lambda: run_processes(group))]
        for key, run in ways[r % 3:] + ways[:r % 3]:
            shutil.rmtree(out, ignore_errors=True)
            totals[key] += run()
    shutil.rmtree(out, ignore_errors=True)
    return {"accounts": accounts, "rows": rows, "rounds": rounds,
            **{key: {"wall_s": totals[key], "ok": ok[key]} for key in totals}}


def fmt(value, spec):
    return "failed" if value is None else format(value, spec)


def print_targets(results):
    """Issue 7's targets, each with the measured value and whether it is met."""
    lines = []

    def check(name, value, met):
        lines.append(f"  {'met    ' if met else 'NOT MET'}  {name}: {value}")

    for r in results["sizes"]:
        if r.get("heavy"):
            continue
        e, p, rows = r["engage"], r["peer"], r["rows"]
        if e and rows == 100:
            check("100-post report under 0.25 s", f"{e['wall_s']:.3f} s", e["wall_s"] < 0.25)
        if e and p and rows in (10_000, 100_000):
            ratio = p["wall_s"] / e["wall_s"]
            check(f"{rows:,} posts at least 10x faster than the peer", f"{ratio:.1f}x", ratio >= 10)
        if e and p and rows == 1_000_000:
            ratio = p["wall_s"] / e["wall_s"]
            check("1,000,000 posts at least 6x faster than the peer", f"{ratio:.1f}x", ratio >= 6)
        if e and rows == 1_000_000:
            check("peak memory at 1,000,000 posts at most 150 MB", f"{e['rss_mb']:.0f} MB", e["rss_mb"] <= 150)
    if "ingest" in results:
        i = results["ingest"]
        check("ingest at least 300 MB/s", f"{i['mb_per_s']:.0f} MB/s", i["mb_per_s"] >= 300)
    if "batch" in results:
        b = results["batch"]
        speedup = b["processes"]["wall_s"] / b["parallel"]["wall_s"]
        check("200-account batch at least 1.7x faster than the jobs run one by one (separate processes)",
              f"{speedup:.2f}x", speedup >= 1.7)
    if lines:
        print("\ntargets (issue 7):")
        print("\n".join(lines))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="10,000 posts only")
    ap.add_argument("--sizes", default="100,10000,100000,1000000")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--skip-peer-above", type=int, default=None, help="do not run the peer on larger inputs")
    ap.add_argument("--no-batch", action="store_true")
    ap.add_argument("--batch-only", action="store_true", help="only the 200-account batch")
    ap.add_argument("--only", choices=["store"], help="only these rows (store: import at 1,000,000 posts, reports from a store)")
    a = ap.parse_args()
    if not os.path.exists(ENGAGE):
        print("build first: swift build -c release --product engage (make bench does)")
        return 0
    sizes = [10000] if a.quick else [int(s) for s in a.sizes.split(",")]
    peer_ok = subprocess.run([sys.executable, "-c", "import pandas, xlsxwriter, matplotlib"],
                             stderr=subprocess.DEVNULL).returncode == 0
    if not peer_ok:
        print("note: the peer needs pandas, xlsxwriter and matplotlib (pip install them); engage only")
    results = {"date": time.strftime("%Y-%m-%d"), "cpus": os.cpu_count(), "sizes": [], "commit": subprocess.run(
        ["git", "-C", ROOT, "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()}
    if a.only == "store":
        print("measuring the store: import at 1,000,000 posts, reports from two years ...", file=sys.stderr)
        results["store_import"] = store_import(1_000_000, runs=a.runs)
        results["store_report"] = store_report(runs=a.runs)
        print(f"\nthe history store — {results['date']}, {results['cpus']} cores, commit {results['commit']}")
        print_store(results)
        with open(os.path.join(ROOT, ".build", "bench-results-store.json"), "w") as f:
            json.dump(results, f, indent=2)
        return 0
    for rows in ([] if a.batch_only else sizes):
        runs = 1 if rows >= 1_000_000 else a.runs
        with_peer = peer_ok and (a.skip_peer_above is None or rows <= a.skip_peer_above)
        print(f"measuring {rows:,} posts ({runs} run{'s' if runs > 1 else ''} each) ...", file=sys.stderr)
        results["sizes"].append(measure(rows, runs, with_peer))
    if not a.batch_only and 10_000 in sizes:
        print("measuring 10,000 heavy-tailed posts ...", file=sys.stderr)
        results["sizes"].append(measure(10_000, a.runs, peer_ok, heavy=True))
    if not a.batch_only:
        results["compare"] = compare_halves()
    if not a.quick:
        if not a.batch_only:
            results["ingest"] = ingest_throughput(max(sizes))
            print("measuring the store ...", file=sys.stderr)
            results["store_import"] = store_import(max(sizes), runs=1)
            results["store_report"] = store_report()
        if not a.no_batch:
            print("measuring the 200 × 2,000-post batch ...", file=sys.stderr)
            results["batch"] = batch(200, 2000)

    phase_names = ["read", "select", "analyse", "workbook", "zip", "charts", "pdf", "render", "summary"]
    print()
    print(f"engage vs pandas peer — {results['date']}, {results['cpus']} cores, commit {results['commit']}")
    print()
    print("| posts | file MB | engage s | engage MB | peer s | peer MB | peer ÷ engage | " + " | ".join(phase_names) + " |")
    print("|---:|---:|---:|---:|---:|---:|---:|" + "---:|" * len(phase_names))
    for r in results["sizes"]:
        e, p = r["engage"], r["peer"]
        ratio = (p["wall_s"] / e["wall_s"]) if (e and p) else None
        phases = " | ".join(fmt(r["phases"].get(n), ".3f") for n in phase_names)
        print(f"| {r['rows']:,}{' heavy' if r.get('heavy') else ''} | {r['file_mb']:.1f} | {fmt(e and e['wall_s'], '.3f')} | {fmt(e and e['rss_mb'], '.0f')} | "
              f"{fmt(p and p['wall_s'], '.2f') if p is not None or not peer_ok else 'skipped'} | {fmt(p and p['rss_mb'], '.0f') if p else '–'} | "
              f"{fmt(ratio, '.1f') + '×' if ratio else '–'} | {phases} |")
    if "compare" in results:
        c = results["compare"]
        print(f"\nengage compare, {c['rows']:,} posts in two campaigns of about {c['rows'] // 2:,} (permutation test, bootstrap, Welch, Mann–Whitney; reading included): {c['wall_s']:.2f} s")
    if "ingest" in results:
        i = results["ingest"]
        print(f"\ningest alone (engage validate, {i['rows']:,} posts, {i['file_mb']:.0f} MB): {i['wall_s']:.2f} s, {i['mb_per_s']:.0f} MB/s")
    if "batch" in results:
        b = results["batch"]
        s, par = b["serial"], b["parallel"]
        procs = b["processes"]
        print(f"batch {b['accounts']} accounts × {b['rows']:,} posts, in {b['rounds']} interleaved rounds: "
              f"{b['accounts']} separate engage report processes one after another {procs['wall_s']:.1f} s; --batch --parallel 1 {s['wall_s']:.1f} s; "
              f"--batch --parallel {os.cpu_count()} {par['wall_s']:.1f} s "
              f"({procs['wall_s'] / par['wall_s']:.2f}× the processes, {s['wall_s'] / par['wall_s']:.2f}× --parallel 1)")
    print_targets(results)
    print_store(results)
    os.makedirs(os.path.dirname(DATA), exist_ok=True)
    with open(os.path.join(ROOT, ".build", "bench-results.json"), "w") as f:
        json.dump(results, f, indent=2)
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        sys.exit(0)
