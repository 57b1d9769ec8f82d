"""`indwh new-report YEAR [--text FILE]`: add the rows of the next report year
to every file a report fills, for the maintainer to fill in; with the new
report's text, filled from it as far as it reads, with a review page of the
rest (docs/seeds.md)."""

from __future__ import annotations

import argparse
import sys

from indwh.errors import BadInput
from indwh.paths import ROOT
from indwh.pipeline import new_report


def run(args: argparse.Namespace) -> int:
    try:
        if args.text is not None:
            return from_text(args)
        additions = new_report.start(ROOT, args.year)
    except BadInput as error:
        print(f"New report not started: {error}.", file=sys.stderr)
        return 1
    width = max(len(str(addition.path.relative_to(ROOT))) for addition in additions)
    print(f"Report year {args.year} added:")
    for addition in additions:
        print(f"  {str(addition.path.relative_to(ROOT)).ljust(width)}  {len(addition.rows)} row(s)")
    print(
        f"\nNext: fill in the empty values from the {args.year} report ({len(additions)} files; `make build` lists each"
        f" empty value with its file and line), check vorig_jaar against what it prints for {args.year - 1},"
        " and set regel to the lines of its text. docs/seeds.md walks through it."
    )
    return 0


def from_text(args: argparse.Namespace) -> int:
    result = new_report.start_from_text(ROOT, args.year, args.text)
    counts = result.counts
    for gap in result.reading.gaps:
        print(result.reading.listed(gap))
    for new in result.reading.new_labels:
        print(f"{result.reading.source}:{new.line}: {new.block.name}: new label {new.label!r} (the template has no such row)")
    for line in result.reading.listed_stray():
        print(line)
    for nationality in result.nationalities:
        if not nationality.code:
            print(
                f"{result.text}:{nationality.line}: {nationality.table}: nationality {nationality.name!r} has no code"
                " (seeds/codes/code_lijst.csv; the rows it needs are on the review page)"
            )
    proposals = result.proposals
    print(
        f"\nReport year {args.year} added from {result.text}: {counts.filled} table value(s) filled,"
        f" {counts.empty} empty, {counts.new_labels} new label(s), {counts.revisions} revision(s) of {args.year - 1};"
        f" {len(proposals.candidates)} text-figure candidate(s) to confirm"
        f" ({sum(1 for found in proposals.candidates if found.like)} proposed as a figure of {args.year - 1})."
    )
    print(f"Review page: {result.page.relative_to(ROOT)}. `make build` lists every value still empty, with its file and line.")
    return 0
