"""The Markdown report of scripts/bench.py: the table of scenarios and the ratios under it."""
import os
import platform
import sys


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
    load = os.getloadavg()[0]
    return (f"{os.cpu_count()} cores ({cpu}), {mem:.0f} GiB RAM, {platform.system()} "
            f"{platform.release()}; load average {load:.1f} when the run ended")


def table(args, rows, where, now):
    baseline = (" Columns marked *baseline* are `" + args.baseline + "`, timed in the same run with its runs "
                "alternating with this build's, each on its own copy of the corpus." if args.baseline else "")
    header = "| scenario | runs | wall | CPU | peak memory | ratio | written |"
    rule = "|---|---:|---:|---:|---:|---:|---|"
    if args.baseline:
        header += " baseline wall | baseline CPU | baseline ratio | wall vs baseline |"
        rule += "---:|---:|---:|---:|"
    lines = [
        "# Benchmarks",
        "",
        f"Measured by `scripts/bench.py {' '.join(sys.argv[1:])}` on {where}; output on `{args.work}`; "
        f"corpora from `../shared/bench/gen_corpus.py --seed 1`; `SOURCE_DATE_EPOCH={now}`. Wall and CPU "
        "(user + system) times are medians of the runs given; memory is the largest peak RSS. The ratio "
        "column is wall time over the libcmark floor of the same corpus (full builds) or over sitegen's "
        "full build of it, search off (rebuilds). Hugo and Pagefind run with their defaults (all cores)."
        + baseline,
        "",
        header,
        rule,
    ]
    floors = {}
    for label, results, kind, written in rows:
        r = results[""]
        if r is None:
            lines.append(f"| {label} | | failed | | | | {written} |")
            continue
        if label.endswith("libcmark floor (C, 1 thread)"):
            floors[label.split(" briefs")[0]] = r["wall"]

        def ratio(r, suffix):
            if kind == "floor":
                return f"{r['wall'] / floors[label.split(' briefs')[0]]:.2f}× floor"
            if kind == "full":
                full_build = results["full"][suffix]
                return (f"{100 * r['wall'] / full_build['wall']:.1f} % of full "
                        f"(CPU {100 * r['cpu'] / full_build['cpu']:.0f} %)")
            return ""

        line = (f"| {label} | {r['runs']} | {r['wall']:.3f} s | {r['cpu']:.3f} s | {r['rss']:.0f} MB | "
                f"{ratio(r, '')} | {written} |")
        if args.baseline:
            b = results.get("-baseline")
            if b is None:
                line += " | | | |"
            else:
                line += (f" {b['wall']:.3f} s | {b['cpu']:.3f} s | {ratio(b, '-baseline')} | "
                         f"{100 * (r['wall'] / b['wall'] - 1):+.1f} % |")
        lines.append(line)
    return lines


def previous_walls(path):
    """{label: wall seconds} from the table of an earlier report (the file about to be replaced)."""
    walls = {}
    try:
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                cells = [c.strip() for c in line.strip().strip("|").split("|")]
                timed = [c for c in cells[1:3] if c.endswith(" s")]
                if line.startswith("| ") and timed:
                    walls[cells[0]] = float(timed[0][:-2])
    except (OSError, ValueError):
        pass
    return walls


def summary(sizes, rebuild_size, full, search, floors, hugos, pagefinds, rows, hugo_label, pagefind_label,
            previous):
    """Ratios from this run and issue #14's and #10's budgets, each marked met or not."""
    lines = ["", "## Ratios from this run", ""]

    def mark(ok):
        return "met" if ok else "**not met**"

    for size in sizes:
        s, n, f = search[size][""], full[size][""], floors[size]
        lines.append(f"- {size:,} briefs: full build with search {s['wall']:.2f} s = {s['wall'] / f['wall']:.2f}× the "
                     f"floor ({n['wall'] / f['wall']:.2f}× with search off); search adds "
                     f"{100 * (s['wall'] / n['wall'] - 1):+.1f} % wall, {100 * (s['cpu'] / n['cpu'] - 1):+.1f} % CPU.")
        if size in hugos:
            h = hugos[size]
            lines.append(f"- {size:,} briefs: sitegen (search on) / {hugo_label}: {s['wall'] / h['wall']:.3f}× wall, "
                         f"{s['cpu'] / h['cpu']:.3f}× CPU, {s['rss'] / h['rss']:.2f}× peak memory "
                         f"(search off: {n['wall'] / h['wall']:.3f}× wall).")
        if size in pagefinds:
            p = pagefinds[size]
            lines.append(f"- {size:,} briefs: sitegen's whole build with search takes {s['wall'] / p['wall']:.3f}× "
                         f"{pagefind_label}'s indexing alone, with {s['rss'] / p['rss']:.2f}× its peak memory; "
                         f"index {s['index'][1] / p['index'][1]:.2f}× the bytes in "
                         f"{s['index'][0] / p['index'][0]:.2f}× the files.")
    for small, large in zip(sizes, sizes[1:]):
        growth = [f"sitegen {search[large]['']['wall'] / search[small]['']['wall']:.2f}× (search on), "
                  f"{full[large]['']['wall'] / full[small]['']['wall']:.2f}× (search off)",
                  f"floor {floors[large]['wall'] / floors[small]['wall']:.2f}×"]
        if small in hugos and large in hugos:
            growth.append(f"{hugo_label} {hugos[large]['wall'] / hugos[small]['wall']:.2f}×")
        lines.append(f"- Growth {small:,} → {large:,} briefs, wall time: " + "; ".join(growth) + ".")

    budgets = []
    if 10000 in sizes:
        s, f = search[10000][""], floors[10000]
        if 10000 in hugos:
            ratio = s["wall"] / hugos[10000]["wall"]
            budgets.append(f"#14: 10,000 briefs, full build with search <= 0.10× Hugo: {ratio:.3f}× ({mark(ratio <= 0.10)})")
        budgets.append(f"#14: 10,000 briefs, full build with search <= 2.5× floor: {s['wall'] / f['wall']:.2f}× "
                       f"({mark(s['wall'] / f['wall'] <= 2.5)})")
        if 100000 in sizes:
            growth = search[100000][""]["wall"] / s["wall"]
            rss = search[100000][""]["rss"]
            budgets.append(f"#14: 100,000 briefs <= 11× the 10,000 time: {growth:.2f}× ({mark(growth <= 11)})")
            budgets.append(f"#14: 100,000 briefs peak memory <= 700 MB: {rss:.0f} MB ({mark(rss <= 700)})")
        extra = search[10000][""]["wall"] / full[10000][""]["wall"] - 1
        budgets.append(f"#10: search adds <= 10 % to the 10,000-brief full build: {100 * extra:+.1f} % ({mark(extra <= 0.10)})")
        budgets.append(f"#10: full build with search <= 3× floor: {s['wall'] / f['wall']:.2f}× ({mark(s['wall'] / f['wall'] <= 3)})")
    for label, results, kind, _ in rows:
        if kind == "full" and label in previous and ("no-op" in label or "one brief" in label):
            wall = results[""]["wall"]
            budgets.append(f"#14: {label.split(': ', 1)[1]} within the previous report's {previous[label]:.3f} s: "
                           f"{wall:.3f} s ({mark(wall <= previous[label])})")
        if kind == "full" and ("template" in label or "site.yml" in label):
            share = results[""]["wall"] / results["full"][""]["wall"]
            cpu = results[""]["cpu"] / results["full"][""]["cpu"]
            budgets.append(f"#14: {label.split(': ', 1)[1]} no slower than a full build: {100 * share:.1f} % "
                           f"of its wall time, {100 * cpu:.0f} % of its CPU ({mark(share <= 1.0)})")
    if budgets:
        lines += ["", "## Budgets (issues #14 and #10)", ""] + [f"- {b}" for b in budgets]
    return lines
