"""How fast the editors' HTML report opens and filters in headless Chromium.

Builds the whole shared corpus report with sources (or takes ``--html PATH``), opens it and prints
its size, DOMContentLoaded, and the time from a filter change (verdict, rule, search) to the next
painted frame, the median of several runs each. Needs Chromium (``apt-get install chromium``) and
../shared for the default input; skips cleanly (exit 0) without them.

    python benchmarks/html_report.py
    python benchmarks/html_report.py --html /tmp/x.html --runs 7
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "daily_papers_ko"
ABSTRACTS = ROOT.parent / "shared" / "corpus" / "abstracts" / "daily_papers_ko.jsonl"
OUT = Path("/tmp/summary-lint-html-report.html")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]

# Change a control, then wait for two animation frames: the second starts after the first painted.
CHANGE = """async ([selector, value, event]) => {
  const control = document.querySelector(selector);
  const start = performance.now();
  control.value = value;
  control.dispatchEvent(new Event(event, { bubbles: true }));
  await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
  return performance.now() - start;
}"""
SEARCH_WAIT = 150
"""The search box waits this many ms for a pause in typing; subtracted from the search figure."""


def build() -> Path:
    subprocess.run([sys.executable, "-m", "summary_lint", str(CORPUS), "--sources", str(ABSTRACTS),
                    "--html", str(OUT), "--format", "json", "-o", "/dev/null"], check=False)
    return OUT


def measure(path: Path, runs: int, chromium: str) -> None:
    from playwright.sync_api import sync_playwright

    loads, changes = [], {"verdict": [], "rule": [], "search": []}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=ARGS)
        for _ in range(runs):
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.goto(path.as_uri(), wait_until="load")
            loads.append(page.evaluate("performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd"))
            rule = page.eval_on_selector("#filter-rule option:nth-child(2)", "o => o.value")
            changes["verdict"].append(page.evaluate(CHANGE, ["#filter-verdict", "warn", "change"]))
            changes["rule"].append(page.evaluate(CHANGE, ["#filter-rule", rule, "change"]))
            page.evaluate(CHANGE, ["#filter-rule", "", "change"])
            page.evaluate(CHANGE, ["#filter-verdict", "", "change"])
            changes["search"].append(page.evaluate(CHANGE.replace(
                "requestAnimationFrame(() => requestAnimationFrame(done))",
                f"setTimeout(() => requestAnimationFrame(() => requestAnimationFrame(done)), {SEARCH_WAIT})"),
                ["#search", "2024", "input"]) - SEARCH_WAIT)
            page.close()
        browser.close()
    load = os.getloadavg()[0]
    print(f"{path}: {path.stat().st_size / 1e6:.1f} MB, {runs} runs, medians (load average {load:.1f}):")
    print(f"  DOMContentLoaded      {statistics.median(loads):7.0f} ms  (min {min(loads):.0f})")
    for name, times in changes.items():
        print(f"  filter change ({name:7}) {statistics.median(times):5.0f} ms  (max {max(times):.0f})")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.partition("\n\n")[0])
    parser.add_argument("--html", type=Path, help="an existing report (default: build the corpus report)")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        print("skipped: Chromium is not installed")
        return 0
    if args.html is None and not CORPUS.is_dir():
        print("skipped: ../shared corpus not present")
        return 0
    measure(args.html or build(), args.runs, chromium)
    return 0


if __name__ == "__main__":
    sys.exit(main())
