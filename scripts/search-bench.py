#!/usr/bin/env python3
"""Time to first search results and bytes fetched per query, in headless Chromium.

    python3 scripts/search-bench.py PUBLIC_DIR [--base /briefs/] [--runs 5] [QUERY ...]

PUBLIC_DIR is a site built by sitegen with search on (say, the 10,000-brief corpus of
scripts/bench.py, whose base path is /briefs/). Each query is loaded `--runs` times as
`/search/?q=…` with the browser cache off; for each it prints the median time from navigation
start to the first result in #search-results (and from DOMContentLoaded), and to the whole first
page of ten results, the bytes and requests of one run, and the run's waterfall (when each file
started and ended, in ms). Offline: Debian
chromium + chromium-driver and PyPI selenium, as Tests/browser/test_search.py uses. Timing a
browser is only meaningful on a quiet machine: the load average is printed with the figures.
"""
import argparse
import os
import statistics
import sys
import urllib.parse

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "Tests", "browser"))

from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402
from test_search import browser, serve  # noqa: E402

FIGURES = """
const nav = performance.getEntriesByType("navigation")[0];
const res = performance.getEntriesByType("resource");
return {
  bytes: nav.encodedBodySize + res.reduce((s, r) => s + r.encodedBodySize, 0),
  requests: 1 + res.length,
  first: window.sitegenSearchFirstResults,
  page: window.sitegenSearchPageResults || window.sitegenSearchFirstResults,
  loaded: nav.domContentLoadedEventEnd,
  count: document.getElementById("search-results").dataset.count,
  files: res.map(r => [r.name.split("/").slice(-2).join("/"), r.encodedBodySize,
                       Math.round(r.startTime), Math.round(r.responseEnd)])
};"""


def run_query(driver, origin, base, query):
    driver.get("about:blank")
    driver.execute_cdp_cmd("Network.enable", {})
    driver.execute_cdp_cmd("Network.setCacheDisabled", {"cacheDisabled": True})
    driver.get(f"{origin}{base}search/?q={urllib.parse.quote(query)}")
    WebDriverWait(driver, 60).until(
        lambda d: d.find_element(By.ID, "search-results").get_attribute("data-state")
        in ("done", "error", "empty"))
    return driver.execute_script(FIGURES)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("public", metavar="PUBLIC_DIR")
    parser.add_argument("--base", default="/briefs/", help="the site's base path")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("queries", nargs="*",
                        default=["生成AI 規制", "OpenAI 提携", "open source model"])
    args = parser.parse_args()
    server, origin = serve(args.public, args.base)
    driver = browser()
    medians = []
    try:
        for query in args.queries:
            runs = [run_query(driver, origin, args.base, query) for _ in range(args.runs)]
            first = statistics.median(r["first"] for r in runs)
            after = statistics.median(r["first"] - r["loaded"] for r in runs)
            page = statistics.median(r["page"] for r in runs)
            medians.append(first)
            last = runs[-1]
            print(f"{query!r}: {last['count']} results; first results {first:.0f} ms after "
                  f"navigation start ({after:.0f} ms after DOMContentLoaded), the first page "
                  f"{page:.0f} ms, medians of {args.runs}; {last['bytes'] / 1024:.1f} KB in "
                  f"{last['requests']} requests")
            for name, size, start, end in sorted(last["files"], key=lambda f: f[2]):
                print(f"    {start:>6} -> {end:>6} ms  {size:>7} B  {name}")
    finally:
        driver.quit()
        server.shutdown()
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"median over queries: {statistics.median(medians):.0f} ms (load average {load:.1f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
