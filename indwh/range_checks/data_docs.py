"""The HTML report of a run: great-expectations' Data Docs, made to work
without a network, and a one-page summary beside them."""

from __future__ import annotations

import csv
import html
import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

from great_expectations.core import ExpectationValidationResult
from great_expectations.data_context.store.store import DataDocsSiteConfigTypedDict

from indwh.errors import NotOffline
from indwh.paths import RANGE_CHECKS
from indwh.range_checks.report import config_of

ASSETS = RANGE_CHECKS / "assets"
OFFLINE = Path("static") / "offline"
# What a page loads: <script src>, <link href>, <img src> and url() in styles.
LOADED = re.compile(r"""(?:<script\b[^>]*\bsrc=|<link\b[^>]*\bhref=|<img\b[^>]*\bsrc=|url\()\s*["']?(https?://[^"')\s>]+)""")


@dataclass(frozen=True)
class Source:
    url: str
    file: str  # relative to static/offline of the site; empty: the tag is left out
    why: str


def sources() -> list[Source]:
    with (ASSETS / "SOURCES.csv").open(encoding="utf-8", newline="") as handle:
        return [Source(row["url"], row["file"], row["toelichting"]) for row in csv.DictReader(handle)]


def site_config(directory: Path) -> DataDocsSiteConfigTypedDict:
    config: dict[str, Any] = {
        "class_name": "SiteBuilder",
        "store_backend": {"class_name": "TupleFilesystemStoreBackend", "base_directory": str(directory)},
        "site_index_builder": {"class_name": "DefaultSiteIndexBuilder"},
        "show_how_to_buttons": False,
    }
    return cast(DataDocsSiteConfigTypedDict, config)  # great-expectations' type lists only some keys


def offline_text(text: str, prefix: str, where: Path) -> str:
    """The page or stylesheet with every CDN address replaced by the local
    copy under `prefix` (or its tag left out); raises NotOffline naming the
    file and address of anything else it would load."""
    for source in sources():
        address = re.escape(source.url) + r"""[^"')\s>]*"""
        if source.file:
            text = re.sub(address, f"{prefix}/{source.file}", text)
        else:
            text = re.sub(rf"""<script\b[^>]*\bsrc=["']{address}["'][^>]*>\s*</script>\s*""", "", text)
            text = re.sub(rf"""<link\b[^>]*\bhref=["']{address}["'][^>]*>\s*""", "", text)
    # Subresource-integrity and CORS attributes stop scripts loading from file://.
    text = re.sub(r'\s+(?:integrity|crossorigin)="[^"]*"', "", text)
    remaining = sorted(set(LOADED.findall(text)))
    if remaining:
        raise NotOffline(f"{where} loads {', '.join(remaining)}: add it to {ASSETS / 'SOURCES.csv'}")
    if "vegaEmbed(" in text:
        raise NotOffline(f"{where} draws a chart, and the offline assets leave out vega ({ASSETS / 'SOURCES.csv'})")
    return text


def make_offline(site: Path) -> None:
    """Copy the assets into the site and point its pages and styles at them."""
    target = site / OFFLINE
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(ASSETS, target, ignore=shutil.ignore_patterns("SOURCES.csv", "README.md"))
    for path in sorted(site.rglob("*")):
        if path.suffix not in (".html", ".css") or target in path.parents:
            continue
        prefix = os.path.relpath(target, path.parent).replace(os.sep, "/")
        path.write_text(offline_text(path.read_text(encoding="utf-8"), prefix, path), encoding="utf-8")


def summary_row(table: str, result: ExpectationValidationResult, columns: str, arguments: str) -> str:
    config = config_of(result)
    state = "holds" if result.success else "FAILED"
    found = result.result.get("unexpected_count", result.result.get("observed_value", ""))
    cells = [table, config.meta.get("group", ""), columns, config.type, arguments, state, str(found)]
    return f"<tr class='{state.lower()}'>" + "".join(f"<td>{html.escape(cell)}</td>" for cell in cells) + "</tr>"


def write_summary(site: Path, rows: list[str], status: str) -> Path:
    """One self-contained page of every expectation and its outcome: no
    scripts, no styles from elsewhere."""
    page = site / "summary.html"
    page.parent.mkdir(parents=True, exist_ok=True)
    page.write_text(
        "<!doctype html><meta charset='utf-8'><title>Range checks</title>"
        "<style>body{font-family:sans-serif}td,th{padding:2px 8px;border-bottom:1px solid #ddd;text-align:left}"
        ".failed{background:#fdd}</style><h1>Range checks of the IND 2011 warehouse</h1>"
        f"<p>Range checks: {html.escape(status)}. Details per table: <a href='index.html'>Data Docs</a>.</p>"
        "<table><tr><th>table</th><th>group</th><th>column</th><th>expectation</th><th>arguments</th><th>outcome</th>"
        "<th>unexpected / observed</th></tr>" + "".join(rows) + "</table>",
        encoding="utf-8",
    )
    return page
