#!/usr/bin/env python3
"""sitegen's benchmark: full builds at 1k/10k/30k briefs, rebuilds, and the libcmark floor.

    scripts/bench.py [--sizes 1000,10000,30000] [--runs 5] [--work /dev/shm/sitegen-bench]
                     [--output BENCHMARKS.md] [--baseline BIN] [--no-build]

Builds sitegen in release mode and bench/floor.c with gcc, generates corpora with
../shared/bench/gen_corpus.py (--seed 1), and times every scenario several times, reporting
the median wall time, median CPU time (user+sys) and the largest peak memory (max RSS) of the
runs. Everything runs on the same output device (the --work folder; /dev/shm is tmpfs) in one
run, so ratios between rows are meaningful. Writes a Markdown table to --output.

With --baseline BIN (say, main's binary built with --scratch-path), every sitegen scenario
also times BIN in the same run, alternating runs with this build's, each binary on its own
copy of the corpus; the table gains baseline columns and the difference in median wall time.
"""
import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
GENERATOR = os.path.join(os.path.dirname(ROOT), "shared", "bench", "gen_corpus.py")
NOW = "1795000000"  # SOURCE_DATE_EPOCH: 2026-11-19, after every generated brief


def run_once(command, env=None):
    """Runs a command; returns (wall seconds, cpu seconds, peak RSS in MB)."""
    started = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    stderr = process.stderr.read().decode(errors="replace")
    process.stderr.close()
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"benchmark command failed: {' '.join(command)}\n{stderr}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def measure(command, runs, prepare=None, env=None):
    results = []
    for _ in range(runs):
        if prepare:
            prepare()
        results.append(run_once(command, env))
    walls, cpus, rss = zip(*results)
    return {"wall": statistics.median(walls), "cpu": statistics.median(cpus), "rss": max(rss)}


def sh(*command, cwd=ROOT):
    subprocess.run(command, cwd=cwd, check=True, stdout=subprocess.DEVNULL)


def machine():
    cpu = "unknown CPU"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return f"{os.cpu_count()} cores ({cpu}), {mem:.0f} GiB RAM, {platform.system()} {platform.release()}"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000,10000,30000")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--work", default="/dev/shm/sitegen-bench")
    parser.add_argument("--output", default=os.path.join(ROOT, "BENCHMARKS.md"))
    parser.add_argument("--baseline", metavar="BIN",
                        help="another sitegen binary (say, main's) to time in the same run: each "
                        "scenario alternates its runs with this build's, on a copy of each corpus")
    parser.add_argument("--no-build", action="store_true",
                        help="time the existing .build/release/sitegen instead of building it")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]

    sitegen = os.path.join(ROOT, ".build", "release", "sitegen")
    if not args.no_build:
        print("building sitegen (release) …", file=sys.stderr)
        sh("scripts/setup.sh")
        sh("swift", "build", "-c", "release", "--static-swift-stdlib", "--product", "sitegen")
    os.makedirs(args.work, exist_ok=True)
    floor = os.path.join(args.work, "floor")
    sh("gcc", "-O2", "-o", floor, "bench/floor.c", "-lcmark")
    env = dict(os.environ, SOURCE_DATE_EPOCH=NOW)
    # Each binary builds its own copy of a corpus, so their caches never meet.
    variants = [("", sitegen)]
    if args.baseline:
        variants = [("", sitegen), ("-baseline", os.path.abspath(args.baseline))]

    def corpus_for(size, suffix):
        corpus = os.path.join(args.work, f"corpus-{size}{suffix}")
        if not os.path.exists(os.path.join(corpus, "site.yml")):
            print(f"generating {size} briefs …", file=sys.stderr)
            sh(sys.executable, GENERATOR, "--count", str(size), "--seed", "1", "--out", corpus, "--force")
        return corpus

    def build_command(binary, size, suffix):
        corpus = corpus_for(size, suffix)
        return [binary, "build", "--source", corpus, "--output", os.path.join(args.work, f"out-{size}{suffix}")]

    def measure_all(size, runs, prepare=None):
        """Times every variant, alternating their runs; returns {suffix: result}."""
        results = {suffix: [] for suffix, _ in variants}
        for run in range(runs):
            order = variants if run % 2 == 0 else list(reversed(variants))
            for suffix, binary in order:
                if prepare:
                    prepare(suffix)
                results[suffix].append(run_once(build_command(binary, size, suffix), env))
        summary = {}
        for suffix, values in results.items():
            walls, cpus, rss = zip(*values)
            summary[suffix] = {"wall": statistics.median(walls), "cpu": statistics.median(cpus), "rss": max(rss)}
        return summary

    def clean_for(size):
        def clean(suffix):
            corpus = corpus_for(size, suffix)
            path = os.path.join(args.work, f"out-{size}{suffix}")
            shutil.rmtree(path, ignore_errors=True)
            # The site kept beside the output for rebuilds, and the cache: a build from nothing.
            shutil.rmtree(os.path.join(os.path.dirname(path), "." + os.path.basename(path) + ".sitegen-old"), ignore_errors=True)
            shutil.rmtree(os.path.join(corpus, ".sitegen"), ignore_errors=True)
        return clean

    rows = []
    full = {}
    for size in sizes:
        corpus = corpus_for(size, "")
        for suffix, _ in variants:
            corpus_for(size, suffix)
        floor_out = os.path.join(args.work, f"floor-{size}")
        print(f"{size}: floor …", file=sys.stderr)
        f = measure([floor, os.path.join(corpus, "content"), floor_out], args.runs,
                    prepare=lambda: shutil.rmtree(floor_out, ignore_errors=True))
        print(f"{size}: full build …", file=sys.stderr)
        b = measure_all(size, args.runs, prepare=clean_for(size))
        full[size] = b
        rows.append((f"{size:,} briefs: libcmark floor (C, 1 thread)", {"": f}, None))
        rows.append((f"{size:,} briefs: full build into an empty folder", b, ("floor", f["wall"])))

    # Rebuild scenarios on the 10k corpus (or the largest size given below it).
    size = 10000 if 10000 in sizes else sizes[-1]
    for suffix, binary in variants:
        run_once(build_command(binary, size, suffix), env)
    corpus = corpus_for(size, "")
    briefs = sorted(os.path.relpath(os.path.join(d, n), corpus)
                    for d, _, ns in os.walk(os.path.join(corpus, "content", "briefs")) for n in ns)
    target = briefs[len(briefs) // 2]
    with open(os.path.join(corpus, target), encoding="utf-8") as fh:
        original = fh.read()
    template = os.path.join("templates", "partials", "foot.mustache")

    def write(suffix, path, text):
        full_path = os.path.join(corpus_for(size, suffix), path)
        os.makedirs(os.path.dirname(full_path), exist_ok=True)
        with open(full_path, "w", encoding="utf-8") as fh:
            fh.write(text)

    counter = [0]

    def edit_body(suffix):
        counter[0] += 1
        write(suffix, target, original + f"\nEdited paragraph {counter[0]}.\n")

    def retag(suffix):
        counter[0] += 1
        tag = f"Bench{counter[0] % 2}"
        # Tags in flow style (tags: [a, b]) or block style (tags:\n  - a).
        if "tags: [" in original:
            text = original.replace("tags: [", f"tags: [{tag}, ", 1)
        else:
            text = original.replace("tags:\n", f"tags:\n  - {tag}\n", 1)
        assert text != original, "the benchmark brief has no tags to change"
        write(suffix, target, text)

    def edit_template(suffix):
        counter[0] += 1
        with open(os.path.join(ROOT, "templates", "partials", "foot.mustache"), encoding="utf-8") as fh:
            text = fh.read()
        write(suffix, template, text + f"<!-- {counter[0]} -->\n")

    for label, prepare in [("no-op rebuild", None), ("rebuild after one brief's body changed", edit_body),
                           ("rebuild after one brief's tags changed", retag),
                           ("rebuild after a template changed", edit_template)]:
        print(f"{size}: {label} …", file=sys.stderr)
        r = measure_all(size, args.runs, prepare=prepare)
        rows.append((f"{size:,} briefs: {label}", r, ("full", full[size])))
    for suffix, _ in variants:
        write(suffix, target, original)
        shutil.rmtree(os.path.join(corpus_for(size, suffix), "templates"), ignore_errors=True)

    baseline = " Columns marked *baseline* are `" + args.baseline + "`, timed in the same run with its runs alternating with this build's, each on its own copy of the corpus." if args.baseline else ""
    header = "| scenario | wall | CPU | peak memory | ratio |"
    rule = "|---|---:|---:|---:|---:|"
    if args.baseline:
        header += " baseline wall | baseline CPU | baseline ratio | wall vs baseline |"
        rule += "---:|---:|---:|---:|"
    lines = [
        "# Benchmarks",
        "",
        f"Measured by `scripts/bench.py --runs {args.runs}` on {machine()}; output on "
        f"`{args.work}`; corpora from `../shared/bench/gen_corpus.py --seed 1`; "
        f"`SOURCE_DATE_EPOCH={NOW}`. Wall and CPU times are medians of {args.runs} runs; "
        "memory is the largest peak RSS. The ratio column is wall time over the libcmark floor "
        "(full builds) or over the full build of the same corpus (rebuilds)." + baseline,
        "",
        header,
        rule,
    ]

    def ratio_text(r, ratio, suffix):
        if ratio is None:
            return ""
        kind, value = ratio
        if kind == "floor":
            return f"{r['wall'] / value:.2f}× floor"
        return f"{100 * r['wall'] / value[suffix]['wall']:.1f} % of full"

    for label, results, ratio in rows:
        r = results[""]
        line = f"| {label} | {r['wall']:.3f} s | {r['cpu']:.3f} s | {r['rss']:.0f} MB | {ratio_text(r, ratio, '')} |"
        if args.baseline:
            b = results.get("-baseline")
            if b is None:
                line += " | | | |"
            else:
                line += (f" {b['wall']:.3f} s | {b['cpu']:.3f} s | {ratio_text(b, ratio, '-baseline')} | "
                         f"{100 * (r['wall'] / b['wall'] - 1):+.1f} % |")
        lines.append(line)
    if len(sizes) > 1 and 10000 in full and 30000 in full:
        lines += ["", f"Growth 10k → 30k: {full[30000]['']['wall'] / full[10000]['']['wall']:.2f}× wall time."]
    text = "\n".join(lines) + "\n"
    with open(args.output, "w", encoding="utf-8") as fh:
        fh.write(text)
    print(text)


if __name__ == "__main__":
    main()
