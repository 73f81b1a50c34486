#!/usr/bin/env python3
"""Search as a reader uses it: headless Chromium (Debian chromium + chromium-driver, PyPI
selenium) on a fixture site built by sitegen and served over HTTP.

    python3 Tests/browser/test_search.py [--sitegen PATH]
    python3 Tests/browser/test_search.py --measure PUBLIC_DIR   # bytes and time per query

Nothing is downloaded at run time (SE_OFFLINE). Prints one line per check and a closing
"N passed, M failed"; exits 1 when anything failed.
"""
import argparse
import functools
import http.server
import json
import os
import subprocess
import sys
import tempfile
import threading
import urllib.parse

os.environ["SE_OFFLINE"] = "true"
os.environ["SE_AVOID_STATS"] = "true"

from selenium import webdriver  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
FIXTURE = os.path.join(ROOT, "Tests", "browser", "fixture")
TOKENS = os.path.join(ROOT, "Tests", "SitegenSearchTests", "tokens.json")
BASE = "/news/"  # the fixture's base path


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(directory, base):
    """Serves `directory` under `base` (as a host would serve the site at its base path)."""
    parent = tempfile.mkdtemp(prefix="sitegen-serve-")
    link = os.path.join(parent, base.strip("/")) if base.strip("/") else None
    if link:
        os.symlink(os.path.abspath(directory), link)
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(Quiet, directory=parent if link else directory))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def browser():
    options = webdriver.ChromeOptions()
    for argument in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--disable-extensions", "--no-first-run"]:
        options.add_argument(argument)
    options.binary_location = "/usr/bin/chromium"
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


def search(driver, origin, query, **filters):
    params = {"q": query, **filters}
    driver.get(f"{origin}{BASE}search/?{urllib.parse.urlencode(params)}")
    WebDriverWait(driver, 20).until(
        lambda d: d.find_element(By.ID, "search-results").get_attribute("data-state")
        in ("done", "error", "empty"))
    results = driver.find_elements(By.CSS_SELECTOR, "#search-results li.search-result")
    return [r.find_element(By.CSS_SELECTOR, "a.search-link").get_attribute("href")
            .split(BASE, 1)[-1] for r in results]


class Checks:
    def __init__(self):
        self.passed = 0
        self.failed = 0

    def check(self, name, condition, detail=""):
        if condition:
            self.passed += 1
            print(f"ok: {name}")
        else:
            self.failed += 1
            print(f"FAIL: {name} {detail}")


def brief(slug):
    return f"briefs/{slug}/"


def run_tests(sitegen):
    output = os.path.join(tempfile.mkdtemp(prefix="sitegen-search-"), "public")
    env = dict(os.environ, SOURCE_DATE_EPOCH="1793491200")  # 2026-11-01
    subprocess.run([sitegen, "build", "--source", FIXTURE, "--output", output], check=True,
                   env=env, stdout=subprocess.DEVNULL)
    server, origin = serve(output, BASE)
    driver = browser()
    checks = Checks()
    try:
        # The browser's normalisation and tokenisation are the Swift ones.
        driver.get(f"{origin}{BASE}search/")
        WebDriverWait(driver, 20).until(lambda d: d.execute_script("return !!window.sitegenSearch"))
        cases = json.load(open(TOKENS, encoding="utf-8"))
        for case in cases:
            got = driver.execute_script(
                """const s = window.sitegenSearch, n = s.normalize(arguments[0]);
                   return [n, s.terms(n), s.query(n).map(g => g.kind === "p"
                       ? "p:" + g.terms.join("|") : g.kind + ":" + g.terms[0])];""",
                case["text"])
            checks.check(f"tokens of {case['text']!r} match Swift",
                         got == [case["normalized"], case["terms"], case["query"]],
                         f"browser {got}, Swift {[case['normalized'], case['terms'], case['query']]}")

        expectations = [
            ("mixed Japanese and English (生成AI 規制)", "生成AI 規制", {},
             [brief("seisei-kisei"), brief("kisei-body")]),
            ("mixed (OpenAI 提携): title before body", "OpenAI 提携", {},
             [brief("openai-partner"), brief("openai-model")]),
            ("full-width English", "ＯｐｅｎＡＩ　提携", {},
             [brief("openai-partner"), brief("openai-model")]),
            ("half-width kana", "ｴｰｼﾞｪﾝﾄ", {}, [brief("enterprise-agents")]),
            ("English, stemmed", "partnerships", {},
             [brief("openai-partner"), brief("openai-model")]),
            ("a phrase matches only the sequence", "大規模言語モデル", {}, [brief("llm-phrase")]),
            ("ties go to the newer brief", "量子計算", {},
             [brief("quantum-new"), brief("quantum-old")]),
            ("one character", "欧", {}, [brief("seisei-kisei")]),
            ("filter by tag", "規制", {"tag": "政策"}, [brief("kisei-body")]),
            ("filter by source", "OpenAI", {"source": "TechCrunch"}, [brief("openai-model")]),
            ("standalone pages are indexed", "テスト用", {}, ["about/"]),
            ("no result", "存在しない単語xyz", {}, []),
        ]
        for name, query, filters, expected in expectations:
            got = search(driver, origin, query, **filters)
            checks.check(name, got == expected, f"got {got}, expected {expected}")

        search(driver, origin, "生成AI 規制")
        first = driver.find_element(By.CSS_SELECTOR, "#search-results li.search-result")
        text = first.text
        checks.check("a result shows both titles, the date and the source",
                     "生成AIの規制案を欧州が公表" in text and "EU publishes draft rules" in text
                     and "2026年5月1日" in text and "Reuters" in text, text)
        marks = [m.text for m in first.find_elements(By.CSS_SELECTOR, ".search-snippet mark")]
        checks.check("the snippet highlights the terms", "生成" in "".join(marks), str(marks))
        checks.check("the no-result message is shown",
                     "No briefs match" in (search(driver, origin, "存在しない単語xyz") or
                                           driver.find_element(By.ID, "search-status").text),
                     driver.find_element(By.ID, "search-status").text)
        links = [a.get_attribute("href") for a in
                 driver.find_elements(By.CSS_SELECTOR, "#search-results a")]
        checks.check("listings are never results",
                     all("/tags/" not in h and "/page/" not in h for h in links))

        # Typing in the header box of any page leads to the results.
        driver.get(f"{origin}{BASE}briefs/llm-apart/")
        box = driver.find_element(By.CSS_SELECTOR, "header form.site-search input[name=q]")
        box.send_keys("評価手法")
        box.submit()
        WebDriverWait(driver, 20).until(
            lambda d: "/search/" in d.current_url and d.find_element(By.ID, "search-results")
            .get_attribute("data-state") == "done")
        got = [a.get_attribute("href").split(BASE, 1)[-1] for a in
               driver.find_elements(By.CSS_SELECTOR, "#search-results a.search-link")]
        checks.check("the header search box on a brief page", got == [brief("llm-phrase")], str(got))

        page = open(os.path.join(output, "search", "index.html"), encoding="utf-8").read()
        checks.check("without JavaScript the page says so and links elsewhere",
                     "<noscript>" in page and "JavaScript" in page and 'href="/news/tags/"' in page)
        checks.check("the script is served from the site",
                     f'src="{BASE}search/search.js"' in page and "https://" not in
                     page.split("<script", 1)[1].split(">", 1)[0])
    finally:
        driver.quit()
        server.shutdown()
    print(f"{checks.passed} passed, {checks.failed} failed")
    return checks.failed == 0


def measure(public, base, queries):
    """Bytes fetched and time to first results for each query on a built site."""
    server, origin = serve(public, base)
    driver = browser()
    try:
        for query in queries:
            driver.get("about:blank")
            driver.execute_cdp_cmd("Network.enable", {})
            driver.execute_cdp_cmd("Network.setCacheDisabled", {"cacheDisabled": True})
            driver.get(f"{origin}{base}search/?q={urllib.parse.quote(query)}")
            WebDriverWait(driver, 60).until(
                lambda d: d.find_element(By.ID, "search-results").get_attribute("data-state")
                in ("done", "error", "empty"))
            figures = driver.execute_script("""
                const nav = performance.getEntriesByType("navigation")[0];
                const res = performance.getEntriesByType("resource");
                const bytes = nav.encodedBodySize + res.reduce((s, r) => s + r.encodedBodySize, 0);
                return {bytes: bytes, requests: 1 + res.length,
                        ms: window.sitegenSearchFirstResults,
                        loaded: nav.domContentLoadedEventEnd,
                        count: document.getElementById("search-results").dataset.count,
                        files: res.map(r => r.name.split("/").slice(-2).join("/") + " " + r.encodedBodySize)};""")
            print(f"{query!r}: {figures['count']} results, {figures['bytes'] / 1024:.1f} KB in "
                  f"{figures['requests']} requests, first results {figures['ms']:.0f} ms after "
                  f"navigation start, {figures['ms'] - figures['loaded']:.0f} ms after the page "
                  "loaded (DOMContentLoaded)")
            print("   " + ", ".join(figures["files"]))
    finally:
        driver.quit()
        server.shutdown()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sitegen", default=os.path.join(ROOT, ".build", "debug", "sitegen"))
    parser.add_argument("--measure", metavar="PUBLIC_DIR")
    parser.add_argument("--base", default="/briefs/", help="the measured site's base path")
    parser.add_argument("queries", nargs="*", default=["生成AI 規制", "OpenAI 提携", "open source model"])
    args = parser.parse_args()
    if args.measure:
        measure(args.measure, args.base, args.queries)
        return 0
    return 0 if run_tests(args.sitegen) else 1


if __name__ == "__main__":
    sys.exit(main())
