"""The review page of a report read from its text (`target/new-report-<year>.md`):
the one page a person works through after `make new-report YEAR=... TEXT=...`.

Per table what was read from which line, what stayed empty and why, the new
labels with the rows they need, the revisions of the year before, and the
proposals for the running text's figures.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from indwh.pipeline.report_seeds import REPORTS

if TYPE_CHECKING:
    from pathlib import Path

    from indwh.pipeline.new_report import FromText
    from indwh.pipeline.report_text import TableReading


def cell(text: object) -> str:
    """A value for a Markdown table cell."""
    return str(text).replace("|", "\\|").replace("\n", " ")


def table_section(table: TableReading) -> list[str]:
    title = f"### {table.table.title}"
    if table.title_line is None:
        lines = [title, "", "Not found in the text (see above why): every row is empty.", ""]
    else:
        headers = ", ".join(map(str, table.header_lines)) or "-"
        lines = [f"{title} (line {table.title_line}, header on line(s) {headers})", ""]
    lines += ["| table | positie | label | line | values |", "| --- | --- | --- | --- | --- |"]
    read = {cell.row.key: cell for cell in table.cells}
    for block in table.table.blocks:
        for row in sorted(block.rows, key=lambda row: row.positie):
            found = read.get(row.key)
            if found:
                values = " / ".join(found.values)
                lines.append(f"| {block.name} | {row.positie} | {cell(found.label)} | {found.regel} | {cell(values)} |")
            else:
                lines.append(f"| {block.name} | {row.positie} | {cell(row.label)} | | **empty** |")
    for new in table.new_labels:
        lines.append(
            f"| {new.block.name} | new | {cell(new.label)} | {new.regel} | **empty** (printed: {' / '.join(new.values)}) |"
        )
    return [*lines, ""]


def render(result: FromText) -> str:
    reading, counts = result.reading, result.counts
    proposals = result.proposals
    like = sum(1 for found in proposals.candidates if found.like)
    out = [
        f"# Report {result.year}, read from {result.text}",
        "",
        f"Read with report {result.year - 1} as the template. `make build` lists every value still empty,"
        " with its file and line; fill them from the text as this page says, then build until it publishes.",
        "",
        "| | count |",
        "| --- | --- |",
        f"| table values filled | {counts.filled} |",
        f"| table values empty | {counts.empty} |",
        f"| new labels | {counts.new_labels} |",
        f"| revisions of {result.year - 1} | {counts.revisions} |",
        f"| text-figure candidates (value to confirm) | {len(proposals.candidates)}"
        f" ({like} proposed as a figure of {result.year - 1}) |",
        f"| numbers proposed as not a figure | {len(proposals.not_figures)} |",
        "",
        "## Empty: where and why",
        "",
    ]
    gaps = [f"- `{reading.listed(gap)}`" for gap in reading.gaps]
    gaps += [
        f"- `{reading.source}:{new.line}: {new.block.name}: new label {new.label!r}, values on line {new.regel}:"
        f" {' / '.join(new.values)} (the template has no such row)`"
        for new in reading.new_labels
    ]
    gaps += [f"- `{line}`" for line in reading.listed_stray()]
    out += gaps or ["Nothing: every row of the template was read."]
    out += ["", "## New labels", ""]
    if reading.new_labels:
        out += [
            "Each was added to its seed as a row of its own (the next free `positie`, never a renumbering), its values"
            " empty. Check that it is a row of the table, write its values as printed, and add its row to"
            " `seeds/mappings/map_rijen.csv` (its codes are yours to decide); a count needs its checks looked at"
            " (`seeds/checks/`).",
            "",
        ]
        out += [
            f"- {new.block.name}: {new.label!r} (line {new.line}), values {' / '.join(new.values)} on line {new.regel};"
            f" map_rijen.csv: `{new.block.name},{new.label},…`"
            for new in reading.new_labels
        ]
    else:
        out.append("None.")
    out += ["", "## Nationalities without a row in map_rijen.csv", ""]
    if result.nationalities:
        for nationality in result.nationalities:
            row = ",".join(nationality.row.values())
            if nationality.code:
                out.append(
                    f"- {nationality.table}: {nationality.name} (line {nationality.line}): code {nationality.code};"
                    f" added to map_rijen.csv: `{row}`"
                )
            else:
                out.append(
                    f"- {nationality.table}: {nationality.name} (line {nationality.line}): no code in seeds/codes/code_lijst.csv."
                    f" Add the row `nationaliteit,<ISO alpha-3>,{nationality.name},<English>,ISO 3166-1 alpha-3 code"
                    " of the country of nationality.` there, its row in seeds/mappings/map_nationaliteit_iso.csv,"
                    f" and to map_rijen.csv `{row}` with the code"
                )
    else:
        out.append("None.")
    out += ["", f"## Revisions of {result.year - 1}", ""]
    if result.revisions:
        out += [
            f"What report {result.year} prints for {result.year - 1} against what report {result.year - 1} printed; kept as"
            f" printed (after the build, `marts.revisies` lists them).",
            "",
            f"| table | positie | label | line | printed in {result.year - 1} | printed in {result.year} |",
            "| --- | --- | --- | --- | --- | --- |",
        ]
        out += [
            f"| {r.seed} | {r.positie} | {cell(r.label)} | {r.regel} | {cell(r.before)} | {cell(r.now)} |"
            for r in result.revisions
        ]
    else:
        out.append("None.")
    out += ["", "## Tables", ""]
    for table in reading.tables:
        out += table_section(table)
    out += ["## Figures of the running text", ""]
    out += [
        "Each candidate is a row of seeds/rapport/tekstcijfers.csv with its `waarde` left empty: write the value shown"
        " here to confirm it is a figure, with its year (`jaar`), chapter, paragraph and description; one proposed as a"
        f" figure of {result.year - 1} has those and its codes in map_tekstcijfers.csv proposed: check them; any other"
        " needs its row there (its fact, codes and rounding step, or in `herhaalt` the figure it repeats). A candidate"
        " that is not a figure: delete its row and add the number to bron/geen_cijfers.csv with the reason;"
        " renumber `nummer` in reading order (and `tekst/<nummer>` in `herhaalt`).",
        "",
        f"| nummer | line | value | bounding word | proposed as {result.year - 1} figure | year | codes proposed | sentence |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for found in proposals.candidates:
        was = f"{found.like['nummer']} (line {found.like['regel']})" if found.like else ""
        codes = "yes" if found.mapping else ""
        out.append(
            f"| {found.nummer} | {found.regel} | {cell(found.waarde)} | {cell(found.kwalificatie)} | {was} | {found.jaar or ''}"
            f" | {codes} |"
            f" {cell(found.citaat)} |"
        )
    if proposals.unmatched:
        out += ["", f"Figures of {result.year - 1} no candidate is proposed as (the new text may say them otherwise):", ""]
        out += [f"- {row['nummer']} (line {row['regel']}): {row['citaat']}" for row in proposals.unmatched]
    out += ["", "## Numbers proposed as not a figure", ""]
    out += [
        "Added to bron/geen_cijfers.csv with the reason the previous report gave for a line of the same words:",
        "",
    ]
    out += [f"- line {item.regel}: {item.getal} ({item.reden})" for item in proposals.not_figures] or ["None."]
    out += ["", "## Counts printed to another step than their table's", ""]
    out += [
        f"- {step.table} {step.positie} {step.column}: {step.value} (line {step.regel}) is not a multiple of {step.step}:"
        f" if the report prints it so, add `{result.year},{step.table},{step.positie},{step.column},<its step>,<why>` to"
        " `seeds/mappings/map_afronding_uitzonderingen.csv`"
        for step in result.steps
    ] or ["None."]
    out += ["", "## Carried over from the previous report, to check", ""]
    out += [
        f"- `{REPORTS}`: the title (`titel`) of report {result.year} is empty.",
        "- `seeds/mappings/controle_aantallen.csv`: the counts of the previous report; count the new report's.",
        "- `indwh/range_checks/expected_rows.csv`: a table read whole has its lines and count in the new text; a table"
        " not read whole and the running text's blocks have the previous report's: set them.",
        "- `indwh/range_checks/known_changes.csv`: the large changes the new report shows.",
    ]
    out += [
        f"- `seeds/mappings/map_afronding_uitzonderingen.csv`: not carried over, the text prints it otherwise:"
        f" {row['tabel']} {row['positie']} {row['kolom']}"
        for row in result.dropped
    ]
    return "\n".join(out) + "\n"


def write(result: FromText) -> Path:
    """Write the page (through a temporary file and a rename); its path."""
    page = result.page
    page.parent.mkdir(parents=True, exist_ok=True)
    temporary = page.with_name(f".{page.name}.new")
    temporary.write_text(render(result), encoding="utf-8")
    os.replace(temporary, page)
    return page
