"""Render an HTML file in headless Chromium and read back what a person sees: pixels and laid-out DOM.

``screenshot`` renders the file as written. ``probe`` renders a copy with one inline script appended
(and the copy's Content-Security-Policy relaxed to let that one script run) that records, after layout,
each chart's on-screen geometry, each table's visible rows and the page's visible text
(``innerText``: collapsed sections excluded), then reads that record from ``--dump-dom``.
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = "/usr/bin/chromium"
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync")
WINDOW = "--window-size=1280,2400"

PROBE = """<script>(function () {
  function box(e) { var r = e.getBoundingClientRect(); return [r.left, r.top, r.width, r.height]; }
  function shown(e) { return e.checkVisibility ? e.checkVisibility() : e.getClientRects().length > 0; }
  var out = {title: document.title, text: document.body.innerText, charts: [], tables: {}, tiles: {},
             scripts: document.scripts.length, images: document.images.length};
  document.querySelectorAll("svg.chart").forEach(function (s) {
    var marks = [];
    s.querySelectorAll("[class^=bar-],[class^=arc-]").forEach(function (m) {
      marks.push([m.getAttribute("class"), box(m)]);
    });
    out.charts.push({label: s.getAttribute("aria-label"), box: box(s), marks: marks});
  });
  document.querySelectorAll("table[id]").forEach(function (t) {
    var rows = [];
    t.querySelectorAll("tbody tr").forEach(function (r) {
      if (shown(r)) { rows.push(Array.prototype.map.call(r.cells, function (c) { return c.innerText; })); }
    });
    out.tables[t.id] = {rows: rows, dom_rows: t.querySelectorAll("tbody tr").length};
  });
  document.querySelectorAll(".tile[id]").forEach(function (t) { out.tiles[t.id] = t.innerText; });
  var pre = document.createElement("pre"); pre.id = "probe-result"; pre.textContent = JSON.stringify(out);
  document.documentElement.appendChild(pre);
})();</script>"""


def chromium() -> str:
    """The Chromium binary; missing is a failure on CI (CI=true) and a skip on a developer's machine."""
    if Path(CHROMIUM).exists():
        return CHROMIUM
    found = shutil.which("chromium")
    if found:
        return found
    if os.environ.get("CI") == "true":
        pytest.fail("chromium is not installed (.ci/run installs the Debian package chromium)", pytrace=False)
    pytest.skip("chromium is not installed: apt-get install chromium (CI installs it and fails without it)")


def _run(page: Path, tmp: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    profile = tmp / "chromium-profile"
    profile.mkdir(exist_ok=True)
    return subprocess.run([chromium(), *FLAGS, f"--user-data-dir={profile}", WINDOW, *extra, page.as_uri()],
                          capture_output=True, text=True, timeout=180, check=True)


def screenshot(page: Path, tmp: Path) -> Path:
    png = tmp / f"{page.stem}.png"
    _run(page, tmp, f"--screenshot={png}")
    assert png.is_file() and png.stat().st_size > 0, "chromium wrote no screenshot"
    return png


def probe(page: Path, tmp: Path) -> dict[str, Any]:
    text = page.read_text(encoding="utf-8")
    text = re.sub(r'(<meta http-equiv="Content-Security-Policy" content=")default-src \'none\'',
                  r"\1default-src 'none'; script-src 'unsafe-inline'", text, count=1)
    copy = tmp / f"{page.stem}-probe.html"
    copy.write_text(text.replace("</body>", PROBE + "</body>", 1), encoding="utf-8")
    dom = _run(copy, tmp, "--dump-dom").stdout
    found = re.search(r'<pre id="probe-result">(.*?)</pre>', dom, re.S)
    assert found, f"the probe did not run: {dom[-500:]}"
    return json.loads(html.unescape(found.group(1)))
