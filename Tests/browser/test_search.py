#!/usr/bin/env python3
"""Search as a reader uses it: headless Chromium (Debian chromium + chromium-driver, PyPI
selenium) on a fixture site built by sitegen and served over HTTP.

    python3 Tests/browser/test_search.py [--sitegen PATH]
    python3 Tests/browser/test_search.py --measure PUBLIC_DIR   # bytes and time per query

Nothing is downloaded at run time (SE_OFFLINE). Prints one line per check and a closing
"N passed, M failed"; exits 1 when anything failed.
"""
import argparse
import datetime
import functools
import http.server
import json
import os
import re
import shutil
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
LAYOUT = os.path.join(ROOT, "Tests", "SitegenSearchTests", "layout.json")
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

        # The page's filter of terms with files of their own reads as Swift wrote it.
        layout = json.load(open(LAYOUT, encoding="utf-8"))
        got = driver.execute_script(
            """const s = window.sitegenSearch, has = s.ownFilter(arguments[0]);
               return arguments[1].map(t => [t.term, s.hash(t.term), has(s.hash(t.term))]);""",
            layout["filter"], layout["terms"])
        want = [[t["term"], t["hash"], t["mayHold"]] for t in layout["terms"]]
        checks.check("term hashes and the own-file filter match Swift", got == want,
                     f"browser {got}, Swift {want}")
        page = open(os.path.join(output, "search", "index.html"), encoding="utf-8").read()
        meta = json.load(open(os.path.join(output, "search", "meta.json"), encoding="utf-8"))
        checks.check("the search page carries the index's layout",
                     f'data-shards="{meta["shards"]}"' in page
                     and f'data-documents="{meta["documents"]}"' in page
                     and f'data-chunk="{meta["chunk"]}"' in page and 'data-own=""' in page, page)

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

        checks.check("without JavaScript the page says so and links elsewhere",
                     "<noscript>" in page and "JavaScript" in page and 'href="/news/tags/"' in page)
        checks.check("the script is served from the site",
                     f'src="{BASE}search/search.js"' in page and "https://" not in
                     page.split("<script", 1)[1].split(">", 1)[0])
    finally:
        driver.quit()
        server.shutdown()
    frequent_terms(sitegen, env, checks)
    print(f"{checks.passed} passed, {checks.failed} failed")
    return checks.failed == 0


# Logs each fetch (called, then answered) and, on a page opened with #hold, holds back the
# result data after the first file asked for until window.release() is called.
FETCH_LOG = """
window.fetchLog = [];
const held = [];
let released = location.hash !== "#hold", firstData = null;
const realFetch = window.fetch;
window.fetch = function (url, options) {
  const name = String(url).split("/search/")[1];
  window.fetchLog.push("call " + name);
  const answer = realFetch.call(this, url, options).then(r => {
    window.fetchLog.push("done " + name);
    return r;
  });
  if (!name.startsWith("d/") || firstData === null && (firstData = name)) return answer;
  return answer.then(r => released ? r : new Promise(go => held.push(() => go(r))));
};
window.release = () => { released = true; held.splice(0).forEach(go => go()); };
"""


def frequent_terms(sitegen, env, checks):
    """A generated site of 600 briefs, whose frequent terms have index files of their own."""
    folder = tempfile.mkdtemp(prefix="sitegen-frequent-")
    briefs = os.path.join(folder, "content", "briefs")
    os.makedirs(briefs)
    with open(os.path.join(folder, "site.yml"), "w", encoding="utf-8") as f:
        f.write("title: Frequent\nbase_url: https://example.com/news/\nlanguage: ja\n"
                "timezone: Asia/Tokyo\nsearch: true\n")
    for i in range(600):
        day = datetime.date(2025, 1, 1) + datetime.timedelta(days=i)
        title_en = f"Robot news {i}" if i % 7 == 0 else f"Warehouse report {i}"
        with open(os.path.join(briefs, f"robot-{i:03}.md"), "w", encoding="utf-8") as f:
            f.write(f"---\ntitle: 倉庫の自動化 {i}\ntitle_en: \"{title_en}\"\n"
                    f"date: {day.isoformat()}T09:00:00+09:00\nsource:\n"
                    f"  url: https://example.org/robots/{i}\n  name: Example\n"
                    f"tags: [物流]\n---\n倉庫でロボットが{'ロボットと' * (i % 3)}働く。\n\n"
                    f"<!-- lang: en -->\nA warehouse robot{' and a robot arm' * (i % 4)}.\n")
    output = os.path.join(folder, "public")
    subprocess.run([sitegen, "build", "--source", folder, "--output", output], check=True,
                   env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    own = [n for n in os.listdir(os.path.join(output, "search", "t")) if n.startswith("x")]
    checks.check("the generated site has terms with files of their own", len(own) >= 4, str(own))
    # The same page without the layout: the script reads meta.json first and guesses nothing.
    page = open(os.path.join(output, "search", "index.html"), encoding="utf-8").read()
    plain = re.sub(r' data-(documents|shards|chunk|own)="[^"]*"', "", page)
    with open(os.path.join(output, "search", "plain.html"), "w", encoding="utf-8") as f:
        f.write(plain)
    # And with a filter that holds every term: every guess of a file of its own is tried, and
    # the wrong ones (no such file) fall back to the shard.
    with open(os.path.join(output, "search", "guess.html"), "w", encoding="utf-8") as f:
        f.write(re.sub(r' data-own="[^"]*"', ' data-own="' + "_" * 64 + '"', page))
    server, origin = serve(output, BASE)
    driver = browser()
    script = driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": FETCH_LOG})
    try:
        def results(path, query, hold=False):
            driver.get("about:blank")  # else a URL that differs only in its #hold is no new load
            driver.get(f"{origin}{BASE}search/{path}?{urllib.parse.urlencode({'q': query})}"
                       + ("#hold" if hold else ""))
            if hold:
                WebDriverWait(driver, 20).until(lambda d: d.find_elements(
                    By.CSS_SELECTOR, "#search-results li.search-result"))
                shown = driver.find_elements(By.CSS_SELECTOR, "#search-results li.search-result")
                state = driver.find_element(By.ID, "search-results").get_attribute("data-state")
                driver.execute_script("window.release()")
                held = (len(shown), state)
            WebDriverWait(driver, 20).until(
                lambda d: d.find_element(By.ID, "search-results").get_attribute("data-state")
                in ("done", "error", "empty"))
            got = [a.get_attribute("href").split(BASE, 1)[-1] for a in driver.find_elements(
                By.CSS_SELECTOR, "#search-results a.search-link")]
            log = driver.execute_script("return window.fetchLog")
            return (got, log, held) if hold else (got, log)

        for query in ["robot", "ロボット", "warehouse ロボット 倉庫", "Robot news"]:
            got, log = results("", query)
            plain_got, plain_log = results("plain.html", query)
            checks.check(f"{query!r}: the page's layout changes no result or order",
                         got == plain_got and len(got) == 10, f"{got} != {plain_got}")
            checks.check(f"{query!r}: without the layout the script reads meta.json first",
                         plain_log[0] == "call meta.json", str(plain_log))
            guess_got, guess_log = results("guess.html", query)
            checks.check(f"{query!r}: wrong guesses of files of their own change nothing",
                         guess_got == got and any(e.startswith("call t/x") for e in guess_log),
                         f"{guess_got} != {got}")
        # A frequent term's own file is asked for before its shard has answered.
        got, log = results("", "robot")
        hash_, shard = driver.execute_script(
            "const h = window.sitegenSearch.hash('robot'); return [h, h % Number("
            "document.getElementById('search').dataset.shards)];")
        name = f"t/x{hash_:08x}.bin"
        checks.check("a frequent term's own file is read without its shard",
                     "call " + name in log and f"call t/{shard}.bin" not in log, str(log))
        data_calls = [i for i, e in enumerate(log) if e.startswith("call d/")]
        checks.check("the results wait for no meta.json (the filters read it afterwards)",
                     data_calls and log.index("call meta.json") > data_calls[-1], str(log))
        # The first results show while the rest of the page's data is still on its way.
        got, log, (shown, state) = results("", "robot", hold=True)
        full, _ = results("", "robot")
        checks.check("the first results show before the whole page has its data",
                     1 <= shown < 10 and state == "loading" and got == full,
                     f"{shown} shown, state {state}; {got} vs {full}")
    finally:
        driver.execute_cdp_cmd("Page.removeScriptToEvaluateOnNewDocument",
                               {"identifier": script["identifier"]})
        driver.quit()
        server.shutdown()
        shutil.rmtree(folder, ignore_errors=True)


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
                        page: window.sitegenSearchPageResults || window.sitegenSearchFirstResults,
                        loaded: nav.domContentLoadedEventEnd,
                        count: document.getElementById("search-results").dataset.count,
                        files: res.map(r => r.name.split("/").slice(-2).join("/") + " " + r.encodedBodySize)};""")
            print(f"{query!r}: {figures['count']} results, {figures['bytes'] / 1024:.1f} KB in "
                  f"{figures['requests']} requests, first results {figures['ms']:.0f} ms after "
                  f"navigation start ({figures['ms'] - figures['loaded']:.0f} ms after "
                  f"DOMContentLoaded), the first page of results {figures['page']:.0f} ms")
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
