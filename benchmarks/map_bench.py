"""Map page benchmark: build time, file size, and load-to-rendered time in Chromium.

    .venv/bin/python benchmarks/map_bench.py [--sizes 1000 10000] [--repeat 3]

For each size: synthetic accounts around Emilia-Romagna plus a five-day plan and
three territories (planner.maps.sample), written as a standalone page (assets
inlined). "load" is from navigation start until planner.js has drawn everything:
the account clusters finished their chunked loading (the planner:accounts-loaded
event) and the browser painted a frame. Network is blocked; no tile layer.
Target (issue 6): <= 3 s and <= 3 MB at 10,000 accounts.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from planner.maps import MapOptions, build_map_data
from planner.maps.page import page_html
from planner.maps.sample import sample
from planner.services.valuation import week_valuation

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
RENDERED = """() => new Promise(resolve => {
  const done = () => requestAnimationFrame(() => requestAnimationFrame(() =>
    resolve(performance.now())));
  if (window.planner && planner.ready && planner.stats().loaded) { done(); return; }
  document.addEventListener('planner:accounts-loaded', done, {once: true});
})"""


def build(n: int, folder: Path) -> tuple[Path, float]:
    data = sample(n)
    started = time.perf_counter()
    values = week_valuation(data.accounts, data.plan.week_start, data.plan).week_values()
    layers = build_map_data(
        data.accounts, data.plan, data.territories, values=values, reps=data.reps
    )
    html = page_html(layers, MapOptions(tiles=None), inline=True)
    path = folder / f"map_{n}.html"
    path.write_text(html, encoding="utf-8")
    return path, time.perf_counter() - started


def load_seconds(page: object, path: Path) -> tuple[float, dict[str, object]]:
    page.goto("about:blank")  # type: ignore[attr-defined]
    page.goto(path.as_uri(), wait_until="commit")  # type: ignore[attr-defined]
    page.wait_for_function("window.planner && planner.ready", timeout=60_000)  # type: ignore[attr-defined]
    painted = page.evaluate(RENDERED)  # type: ignore[attr-defined]
    stats = page.evaluate("planner.stats()")  # type: ignore[attr-defined]
    return float(painted) / 1000.0, stats


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    rows = []
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.route(
            "**/*",
            lambda r: r.continue_() if r.request.url.startswith(("file:", "data:")) else r.abort(),
        )
        for n in args.sizes:
            builds, loads = [], []
            for _ in range(args.repeat):
                path, seconds = build(n, Path(tmp))
                builds.append(seconds)
                load, stats = load_seconds(page, path)
                loads.append(load)
            size = path.stat().st_size / 1e6
            rows.append(
                (n, statistics.median(builds), size, statistics.median(loads), max(loads), stats)
            )
        browser.close()
    header = ("accounts", "build s", "size MB", "load s (median)", "load s (max)", "drawn")
    print(" | ".join(header))
    print(" | ".join("---" for _ in header))
    for n, b, size, load, worst, stats in rows:
        drawn = f"{stats['clusters']} clusters, {stats['markers']} markers, {stats['legs']} legs"
        print(f"{n} | {b:.2f} | {size:.2f} | {load:.2f} | {worst:.2f} | {drawn}")


if __name__ == "__main__":
    main()
