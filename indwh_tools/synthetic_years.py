"""Synthetic report years: the 2011 report again for 2012, 2013, ... with
perturbed values, added through the seed layout a real next report uses.

Each synthetic year adds rows, never files or models:
- a row per printed row in every seed of seeds/rapport (`rapportjaar` Y,
  `verslagjaar` the new figure, `vorig_jaar` the figure the report of Y-1
  printed as its `verslagjaar`, but for a few restated ones: see below),
  and the running-text figures;
- a row per text figure in seeds/mappings/map_tekstcijfers.csv and a row
  in controle_aantallen.csv; the first synthetic year also names the
  figures it prints again, as its previous year, that the base report
  printed to an unusual step (map_afronding_uitzonderingen.csv);
- the rows the range checks expect of its report, table by table
  (indwh/range_checks/expected_rows.csv, where the project has it): a
  synthetic report prints the tables of 2011, so as many figures.

Values are consistent the way a real report is: each year has true values
that hold every check of the report exactly (parts and totals, counts and
the percentages computed from them, income - costs = result, ...). The
checks are the warehouse's own seed (seeds/checks/reconciliatie_leden.csv):
derive() solves a check for one figure from its other members, and this
file says only which check determines which figure, in what order
(TABLE_TOTALS, top3_model, TEXT_FIGURES), besides a few relations to
figures the report does not print (hidden_values). The true values are
then printed rounded to the step the 2011 report uses for that figure (50
for most counts; a bounded text figure to at least two significant
digits), with bounding words printed on the right side of the true value
(`ruim` below it, `bijna` and `minder dan` above it). So every check of
the report holds within its rounding, as it does for 2011. Free figures
follow a mean-reverting random walk around their 2011 value, so years stay
plausible however many are generated.

Like a real report, each synthetic one prints a few figures of the year
before otherwise than the report before did (marts.revisies lists them):
RESTATED_BY_A_STEP figures one rounding step away, which the rounding of
the two prints explains, and RESTATED figures RESTATED_STEPS steps away,
which it does not (a revision). They are chosen among the figures of the
year before that no check of the report involves (no reconciliation, no
text repeating them, no rounding exception), so every check still holds,
and moved towards the new year's figure, so the change from year to year
does not grow beyond RESTATED_STEPS steps.

    indwh-tools synthetic-years <project dir> <number of report years>
"""

from __future__ import annotations

import csv
import math
import random
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from indwh import printed
from indwh.errors import BadInput
from indwh.printed import NEAREST, Form

BASE_YEAR = 2011
PURPOSES = (
    "studenten",
    "kennismigranten",
    "arbeidsmigranten",
    "gezinsvorming_hereniging",
    "overige_reguliere_verblijfsdoelen",
)
MEMBERS = Path("seeds") / "checks" / "reconciliatie_leden.csv"
# The model of a year: which check of the report (reconciliatie_leden.csv)
# determines which figure, in the order a year is solved. A figure follows
# from the other members of its check, free figures or figures determined
# before it; which members, with which signs, factors and constants, is
# the seed's alone.
TABLE_TOTALS = (
    ("verblijfsdoelen_mvv_aanvragen", "totaaloverzicht_regulier/1/verslagjaar"),
    ("verblijfsdoelen_mvv_beslissingen", "totaaloverzicht_regulier/2/verslagjaar"),
    ("verblijfsdoelen_vvr_aanvragen", "totaaloverzicht_regulier/3/verslagjaar"),
    ("verblijfsdoelen_vvr_beslissingen", "totaaloverzicht_regulier/4/verslagjaar"),
    ("asielinstroom_totaal", "asielinstroom/4/verslagjaar"),
    ("documenten_totaal", "documenten/7/verslagjaar"),
    ("caribisch_nederland_aanbod", "caribisch_nederland/9/aanbod"),
    ("caribisch_nederland_beslissing_afgewezen", "caribisch_nederland/9/beslissing_afgewezen"),
    ("caribisch_nederland_beslissing_ingewilligd", "caribisch_nederland/9/beslissing_ingewilligd"),
    ("asiel_eerste_aanvragen_nationaliteiten", "asielinstroom_top3/5/aantal"),
)
# Then, in every top-3 block, its parts check (top3_<tabel>_aantal)
# determines Overig, and each percentage check
# (top3_<tabel>_<positie>_percentage_uit_aantal) its percentage: top3_model().
TEXT_FIGURES = (
    ("asiel_aa_afgehandeld", "tekst/1"),
    ("mvv_ingewilligd_afgeleid", "tekst/2"),
    ("vergunningen_verleend_nationaliteiten", "tekst/5"),
    ("baten_aandelen", "tekst/43"),
    ("lasten_aandelen", "tekst/46"),
    ("resultaat", "tekst/41"),  # income from costs and result: the result stays small
    ("externe_inhuur", "tekst/50"),  # civil servants from staff and external hire
)
# The other checks hold as a consequence: the percentages of a top-3 block
# add up to 100 as its counts add up to its total; vvr_ingewilligd_afgeleid
# as each purpose's top-3 total is its vvr decisions x grant rate (a hidden
# relation, below) and vergunningen_verleend_nationaliteiten sums those
# totals; and each check of the year before as the report before solved it.
# Text figures about the year before: the figure of the year before that they repeat.
PREVIOUS_YEAR_TEXT = {
    "tekst/21": "tekst/20",
    "tekst/27": "tekst/26",
    "tekst/29": "tekst/28",
    "tekst/40": "tekst/39",
    "tekst/49": "tekst/50",
}
HUNDRED = Decimal(100)

# The random walk of a free figure: offset = REVERSION * offset + noise.
REVERSION = 0.7
RELATIVE_NOISE = 0.05  # counts and amounts: log of the factor to 2011
RELATIVE_LIMIT = 0.3
POINTS_NOISE = 1.5  # percentages: points
POINTS_LIMIT = 12.0
GRADE_NOISE = 0.1

# Restated figures of the year before, per synthetic report.
RESTATED_BY_A_STEP = 2  # within the rounding of both prints
RESTATED = 2  # beyond it
RESTATED_STEPS = 2


def key(table: str, position: int | str, column: str) -> str:
    """A cell key as the warehouse writes it (cel_sleutel): studenten/1/verslagjaar."""
    return f"{table}/{position}/{column}"


@dataclass(frozen=True)
class Spec:
    """How one figure of a year is printed."""

    form: Form
    step: Decimal
    bound: str = NEAREST
    kind: str = "relative"  # relative, points or grade: how it moves from year to year


@dataclass(frozen=True)
class Member:
    """A member of a check of the report about the report's own year, as
    seeds/checks/reconciliatie_leden.csv gives it."""

    role: str  # deel, totaal, teller or noemer
    cell: str | None  # a figure, or None for a constant
    sign: int
    factor: str | None  # met: the percentage the figure is multiplied by
    constant: Decimal

    def names(self) -> list[str]:
        return [name for name in (self.cell, self.factor) if name]


@dataclass
class Seed:
    """A seed file: its header and its rows of the base year."""

    path: Path
    header: list[str]
    rows: list[dict[str, str]]


@dataclass
class Base:
    """The base report as read from the seeds."""

    top3: Seed
    text: Seed
    text_codes: Seed
    checks: Seed
    rounding: Seed
    year_tables: dict[str, Seed] = field(default_factory=dict)  # verslagjaar / vorig_jaar tables
    column_tables: dict[str, Seed] = field(default_factory=dict)  # one column per printed heading
    expected_rows: Seed | None = None  # the range checks' rows per report and table
    specs: dict[str, Spec] = field(default_factory=dict)  # every figure of the year, and hidden ones
    repeats: dict[str, str] = field(default_factory=dict)  # text figure -> the figure it repeats
    bounded_repeats: dict[str, Spec] = field(default_factory=dict)  # "ruim 8.000" for the table's 8.400
    values: dict[str, Decimal] = field(default_factory=dict)  # true values of the base year
    reconciliations: dict[str, list[Member]] = field(default_factory=dict)  # check -> its members of the year
    shown: dict[str, str] = field(default_factory=dict)  # printed figures of the base year
    restatable: list[str] = field(default_factory=list)  # figures whose year before a report may restate


def read_seed(path: Path, year: int = BASE_YEAR) -> Seed:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        rows = list(reader)
        header = list(reader.fieldnames or [])
    years = {row["rapportjaar"] for row in rows if "rapportjaar" in row}
    if years - {str(year)}:
        raise BadInput(f"{path}: holds report years {sorted(years)}; synthetic years start from {year} alone")
    return Seed(path, header, rows)


def append_rows(seed: Seed, rows: list[dict[str, str]]) -> None:
    text = seed.path.read_text(encoding="utf-8")
    with seed.path.open("a", encoding="utf-8", newline="") as handle:
        if text and not text.endswith("\n"):
            handle.write("\n")
        writer = csv.DictWriter(handle, fieldnames=seed.header, lineterminator="\n")
        writer.writerows(rows)


def load(project: Path) -> Base:
    """Read the base year from the seeds of `project`."""
    seeds = project / "seeds"
    year_tables: dict[str, Seed] = {}
    column_tables: dict[str, Seed] = {}
    top3 = text = None
    for path in sorted((seeds / "rapport").glob("*.csv")):
        seed = read_seed(path)
        if "tabel" in seed.header:
            top3 = seed
        elif "nummer" in seed.header:
            text = seed
        elif "verslagjaar" in seed.header:
            year_tables[path.stem] = seed
        else:
            column_tables[path.stem] = seed
    if top3 is None or text is None:
        raise BadInput(f"{seeds / 'rapport'}: no seed of the top-3 tables (a column tabel) or of the text figures (nummer)")
    base = Base(
        top3=top3,
        text=text,
        text_codes=read_seed(seeds / "mappings" / "map_tekstcijfers.csv"),
        checks=read_seed(seeds / "mappings" / "controle_aantallen.csv"),
        rounding=read_seed(seeds / "mappings" / "map_afronding_uitzonderingen.csv"),
        year_tables=year_tables,
        column_tables=column_tables,
    )
    expected_rows = project / "indwh" / "range_checks" / "expected_rows.csv"
    if expected_rows.exists():
        base.expected_rows = read_seed(expected_rows)
    table_steps = {row["tabel"]: row["afronding_aantallen"] for row in read_seed(seeds / "mappings" / "map_tabellen.csv").rows}
    bounds = {row["gedrukt"]: row["grens"] for row in read_seed(seeds / "codes" / "code_kwalificatie.csv").rows}

    def table_cell(table: str, position: str, column: str, text: str) -> None:
        cell = key(table, position, column)
        value, form = printed.read(text)
        count = form.unit == "" and form.decimals == 0
        step = Decimal(table_steps.get(table) or 1) if count else form.step  # exceptions: only the base year
        base.specs[cell] = Spec(form, step, kind="points" if form.unit == "%" else "relative")
        base.values[cell] = value
        base.shown[cell] = text

    for name, seed in base.year_tables.items():
        for row in seed.rows:
            table_cell(name, row["positie"], "verslagjaar", row["verslagjaar"])
    for name, seed in base.column_tables.items():
        for row in seed.rows:
            for column in seed.header[4:]:
                table_cell(name, row["positie"], column, row[column])
    for row in base.top3.rows:
        for column in ("aantal", "percentage"):
            table_cell(row["tabel"] + "_top3", row["positie"], column, row[column])

    codes = {row["nummer"]: row for row in base.text_codes.rows}
    for row in base.text.rows:
        cell = f"tekst/{row['nummer']}"
        code = codes[row["nummer"]]
        value, form = printed.read(row["waarde"])
        bound = bounds[row["kwalificatie"]] if row["kwalificatie"] else NEAREST
        if code["herhaalt"]:
            base.repeats[cell] = code["herhaalt"]
            if bound != NEAREST:  # printed to the step of its last non-zero digit
                digits = row["waarde"].replace(".", "")
                zeros = len(digits) - len(digits.rstrip("0"))
                base.bounded_repeats[cell] = Spec(form, Decimal(10) ** zeros * form.step, bound)
            continue
        kind = {"procent": "points", "rapportcijfer": "grade"}.get(code["eenheid"], "relative")
        spec = Spec(form, Decimal(code["afronding"]), bound, kind)
        base.specs[cell] = spec
        # The true value behind a bounded figure lies on the side its word says.
        side = {printed.BELOW: 1, printed.ABOVE: -1}.get(bound, 0)
        base.values[cell] = value + side * spec.step / 2
        base.shown[cell] = row["waarde"]
    hidden_values(base)
    members = read_seed(project / MEMBERS)
    base.reconciliations = reconciliations(project / MEMBERS, members)
    check_model(project / MEMBERS, base)
    base.restatable = restatable(base, members)
    return base


def reconciliations(path: Path, members: Seed) -> dict[str, list[Member]]:
    """Each check of the report with its members about the report's own year."""
    found: dict[str, list[Member]] = {}
    for line, row in enumerate(members.rows, start=2):
        if row["jaar_verschuiving"] != "0":
            continue
        try:
            member = Member(
                role=row["rol"],
                cell=row["cel_sleutel"] or None,
                sign=int(row["teken"] or 1),
                factor=row["met"] or None,
                constant=Decimal(row["waarde"] or 0),
            )
        except (ArithmeticError, ValueError):
            raise BadInput(f"{path}, line {line}: teken {row['teken']!r} or waarde {row['waarde']!r} is not a number") from None
        found.setdefault(row["code"], []).append(member)
    return found


def check_model(path: Path, base: Base) -> None:
    """Each step of the model names a check that names its figure once and
    determines it from figures no later step determines."""
    steps = model(base)
    later = {figure for _, figure in steps}
    for code, figure in steps:
        later.discard(figure)
        if code not in base.reconciliations:
            raise BadInput(f"{path}: no check {code} about the report's own year, which the synthetic years solve for {figure}")
        names = [name for member in base.reconciliations[code] for name in member.names()]
        if names.count(figure) != 1:
            raise BadInput(
                f"{path}: check {code} names {figure} {names.count(figure)} times about the report's own year;"
                " the synthetic years determine it from that check, which needs it named once"
            )
        if too_late := sorted(set(names) & later):
            raise BadInput(f"{path}: check {code} determines {figure} from {too_late[0]}, which a later check determines")


def restatable(base: Base, members: Seed) -> list[str]:
    """The figures (as verslagjaar cells) that a later report may print
    otherwise as its year before: those whose vorig_jaar cell no check
    involves (a reconciliation member or factor, a text figure repeating
    it) and that the base report did not print to an unusual step."""
    checked = {row[column] for row in members.rows for column in ("cel_sleutel", "met")}
    checked |= {row["herhaalt"] for row in base.text_codes.rows}
    unusual = {key(row["tabel"], row["positie"], "verslagjaar") for row in base.rounding.rows}
    return sorted(
        key(name, row["positie"], "verslagjaar")
        for name, seed in base.year_tables.items()
        for row in seed.rows
        if key(name, row["positie"], "vorig_jaar") not in checked and key(name, row["positie"], "verslagjaar") not in unusual
    )


def towards(value: Decimal, new: Decimal, percentage: bool) -> int:
    """The direction a restated figure moves: towards the new year's figure,
    or, when the two are equal, upwards (a count) or towards 50% (a percentage)."""
    if new != value:
        return 1 if new > value else -1
    return -1 if percentage and value > 50 else 1


def restate(base: Base, rng: random.Random, before: dict[str, str], now: dict[str, str]) -> dict[str, str]:
    """The year before as a report prints it: what the report before printed
    for its own year (`before`), with RESTATED_BY_A_STEP restatable figures
    one rounding step and RESTATED of them RESTATED_STEPS steps towards
    the new year's figure (`now`); away from it where that would leave the
    unit's range, and upwards (a count) or towards 50% (a percentage) when
    the two are equal."""
    restated = dict(before)
    chosen = rng.sample(base.restatable, RESTATED_BY_A_STEP + RESTATED)
    for index, cell in enumerate(chosen):
        spec = base.specs[cell]
        percentage = spec.form.unit == "%"
        value, new = printed.read(before[cell])[0], printed.read(now[cell])[0]
        direction = towards(value, new, percentage)
        change = (1 if index < RESTATED_BY_A_STEP else RESTATED_STEPS) * spec.step
        moved = value + direction * change
        if moved < 0 or (percentage and moved > 100):
            moved = value - direction * change
        restated[cell] = printed.write(moved, spec.form)
    return restated


def hidden_values(base: Base) -> None:
    """Figures the report does not print but its printed ones are computed from."""
    values, specs = base.values, base.specs
    hidden = Spec(Form(False, 0, ""), Decimal(1))
    # Complaints as a percentage of all procedures: the number of procedures.
    values["verborgen/procedures"] = values["klachten/1/verslagjaar"] * HUNDRED / values["klachten/2/verslagjaar"]
    specs["verborgen/procedures"] = hidden
    # Declared undesirable, as a percentage of the decisions.
    values["verborgen/ongewenst"] = (
        values["ongewenstverklaringen/2/verslagjaar"] * HUNDRED / values["ongewenstverklaringen/1/verslagjaar"]
    )
    specs["verborgen/ongewenst"] = Spec(Form(False, 0, "%"), Decimal(1), kind="points")
    # The share of each ranked nationality in its top-3 block.
    for block, rows in top3_blocks(base).items():
        total = values[key(block, rows["Totaal"], "aantal")]
        for rank, position in enumerate(rows["ranks"], start=1):
            values[f"{block}/aandeel/{rank}"] = values[key(block, position, "aantal")] / total
            specs[f"{block}/aandeel/{rank}"] = hidden


def top3_blocks(base: Base) -> dict[str, dict[str, Any]]:
    """Per top-3 block: the positions of the ranked rows, of Overig and of Totaal."""
    blocks: dict[str, dict[str, Any]] = {}
    for row in base.top3.rows:
        block = blocks.setdefault(row["tabel"] + "_top3", {"ranks": []})
        if re.match(r"^\d+\.", row["label"].strip()):
            block["ranks"].append(row["positie"])
        else:
            block[row["label"].strip()] = row["positie"]
    return blocks


def top3_model(block: str, rows: dict[str, Any]) -> list[tuple[str, str]]:
    """The checks of a top-3 block and the figure each determines: Overig
    from the parts check, each percentage from its percentage check."""
    table = block.removesuffix("_top3")
    return [(f"top3_{table}_aantal", key(block, rows["Overig"], "aantal"))] + [
        (f"top3_{table}_{position}_percentage_uit_aantal", key(block, position, "percentage"))
        for position in (*rows["ranks"], rows["Overig"], rows["Totaal"])
    ]


def model(base: Base) -> list[tuple[str, str]]:
    """Which check determines which figure, in the order a year is solved."""
    blocks = [step for block, rows in top3_blocks(base).items() for step in top3_model(block, rows)]
    return [*TABLE_TOTALS, *blocks, *TEXT_FIGURES]


def discrepancy(members: list[Member], value: Callable[[str], Decimal]) -> Decimal:
    """How far a check is from holding exactly: the parts less the total, or,
    for a percentage, 100 x the numerator less the total x the denominator.
    A part with a factor (met) counts as the figure x that percentage."""
    sums = dict.fromkeys(("deel", "teller", "noemer", "totaal"), Decimal(0))
    for member in members:
        figure = member.constant if member.cell is None else value(member.cell)
        if member.role == "totaal":  # the reported side, as printed
            sums["totaal"] += figure
            continue
        if member.factor is not None:
            figure = figure * value(member.factor) / HUNDRED
        sums[member.role] += member.sign * figure
    if any(member.role == "noemer" for member in members):
        return HUNDRED * sums["teller"] - sums["totaal"] * sums["noemer"]
    return sums["deel"] - sums["totaal"]


def solve(base: Base, code: str, figure: str, values: dict[str, Decimal]) -> None:
    """Set `figure` to the value that makes check `code` hold exactly, from
    its other members. A check names its figure once (check_model), so its
    discrepancy is linear in it: zero where the line through 0 and 1 meets it."""
    members = base.reconciliations[code]

    def at(trial: Decimal) -> Decimal:
        return discrepancy(members, lambda name: trial if name == figure else values[name])

    at_zero, at_one = at(Decimal(0)), at(Decimal(1))
    if at_zero == at_one:
        raise BadInput(f"check {code} does not determine {figure}: its other members make it hold for any value or none")
    values[figure] = at_zero / (at_zero - at_one)


def derive(base: Base, values: dict[str, Decimal]) -> None:
    """The figures that follow from others, exactly (before rounding): the
    checks of the model solved in order, and the relations between printed
    figures and hidden ones (hidden_values), which are no checks of the report."""
    v = values
    blocks = top3_blocks(base)
    for purpose in PURPOSES:  # hidden: a purpose's top-3 total is its first-instance vvr grants = decisions x grant rate
        top3_total = key(purpose + "_top3", blocks[purpose + "_top3"]["Totaal"], "aantal")
        v[top3_total] = v[key(purpose, 5, "verslagjaar")] * v[key(purpose, 6, "verslagjaar")] / HUNDRED
    for code, figure in TABLE_TOTALS:
        solve(base, code, figure, v)
    for block, rows in blocks.items():
        # hidden: each ranked nationality its share of the total, the largest first
        total = v[key(block, rows["Totaal"], "aantal")]
        shares = sorted((v[f"{block}/aandeel/{rank}"] for rank in range(1, len(rows["ranks"]) + 1)), reverse=True)
        for position, share in zip(rows["ranks"], shares, strict=True):
            v[key(block, position, "aantal")] = total * share
        for code, figure in top3_model(block, rows):
            solve(base, code, figure, v)
    # hidden: complaints per procedure, declared undesirable per decision
    v[key("klachten", 2, "verslagjaar")] = v[key("klachten", 1, "verslagjaar")] * HUNDRED / v["verborgen/procedures"]
    v[key("ongewenstverklaringen", 2, "verslagjaar")] = (
        v[key("ongewenstverklaringen", 1, "verslagjaar")] * v["verborgen/ongewenst"] / HUNDRED
    )
    for code, figure in TEXT_FIGURES:
        solve(base, code, figure, v)


class Recorder(dict[str, Decimal]):
    """A dict that remembers which keys were set."""

    def __init__(self, values: dict[str, Decimal]) -> None:
        super().__init__(values)
        self.written: set[str] = set()

    def __setitem__(self, name: str, value: Decimal) -> None:
        self.written.add(name)
        super().__setitem__(name, value)


def free_figures(base: Base) -> list[str]:
    """The figures that move freely from year to year: all but the derived ones."""
    recorder = Recorder(base.values)
    derive(base, recorder)
    return sorted(name for name in base.specs if name not in recorder.written and name not in PREVIOUS_YEAR_TEXT)


@dataclass
class Walk:
    """Mean-reverting random walk of the free figures around their base value."""

    base: Base
    rng: random.Random
    free: list[str]
    offsets: dict[str, float] = field(default_factory=dict)

    def step(self) -> dict[str, Decimal]:
        values: dict[str, Decimal] = {}
        for name in self.free:
            kind, origin = self.base.specs[name].kind, float(self.base.values[name])
            noise, limit = {
                "relative": (RELATIVE_NOISE, RELATIVE_LIMIT),
                "points": (POINTS_NOISE, POINTS_LIMIT),
                "grade": (GRADE_NOISE, 1.0),
            }[kind]
            offset = REVERSION * self.offsets.get(name, 0.0) + self.rng.gauss(0.0, noise)
            offset = max(-limit, min(limit, offset))
            self.offsets[name] = offset
            if kind == "relative":
                value = origin * math.exp(offset)
            elif kind == "points":
                value = max(0.6, min(99.4, origin + offset))
            else:
                value = max(1.0, min(10.0, origin + offset))
            values[name] = Decimal(repr(round(value, 6)))
        return values


def text_step(spec: Spec, true: Decimal) -> Decimal:
    """The step a figure is printed to: its base step, and a bounded figure
    ("ruim 2.800 fte") to at least two significant digits, so the bound
    stays close to the value whatever it becomes."""
    if spec.bound == NEAREST or true <= 0:
        return spec.step
    two_digits = Decimal(10) ** (math.floor(math.log10(true)) - 1)
    return max(spec.form.step, min(spec.step, two_digits))


def print_year(
    base: Base, values: dict[str, Decimal], before: dict[str, Decimal], shown_before: dict[str, str]
) -> tuple[dict[str, str], dict[str, Decimal]]:
    """Every figure of a year as printed, and the step of each text figure,
    from its true values and those of the year before."""
    shown, steps = {}, {}
    for name, spec in base.specs.items():
        if name.startswith("verborgen/") or "/aandeel/" in name:
            continue
        true = before[PREVIOUS_YEAR_TEXT[name]] if name in PREVIOUS_YEAR_TEXT else values[name]
        steps[name] = text_step(spec, true) if name.startswith("tekst/") else spec.step
        shown[name] = printed.write(printed.round_to(true, steps[name], spec.bound), spec.form)
    for name, repeated in base.repeats.items():
        if repeated.endswith("/vorig_jaar"):
            shown[name] = shown_before[repeated.removesuffix("vorig_jaar") + "verslagjaar"]
        else:
            shown[name] = shown[repeated]
        if name in base.bounded_repeats:
            spec = base.bounded_repeats[name]
            shown[name] = printed.write(printed.round_to(printed.read(shown[name])[0], spec.step, spec.bound), spec.form)
    return shown, steps


def retext(text: str, year: int, replacements: dict[str, str]) -> str:
    """A sentence of the base report rewritten for `year`: its figures and years replaced."""
    targets = {str(BASE_YEAR): str(year), str(BASE_YEAR - 1): str(year - 1)} | replacements
    pattern = "|".join(re.escape(t) for t in sorted(targets, key=len, reverse=True))
    return re.sub(rf"(?<![\d.,])(?:{pattern})(?![\d]|[.,]\d)", lambda m: targets[m.group(0)], text)


def year_rows(
    base: Base, year: int, shown: dict[str, str], steps: dict[str, Decimal], shown_before: dict[str, str]
) -> dict[str, list[dict[str, str]]]:
    """The rows that report `year` adds to each seed."""
    rows: dict[str, list[dict[str, str]]] = {}
    for name, seed in base.year_tables.items():
        rows[name] = [
            row
            | {
                "rapportjaar": str(year),
                "verslagjaar": shown[key(name, row["positie"], "verslagjaar")],
                "vorig_jaar": shown_before[key(name, row["positie"], "verslagjaar")],
            }
            for row in seed.rows
        ]
    for name, seed in base.column_tables.items():
        rows[name] = [
            row | {"rapportjaar": str(year)} | {column: shown[key(name, row["positie"], column)] for column in seed.header[4:]}
            for row in seed.rows
        ]
    rows["top3"] = [
        row
        | {"rapportjaar": str(year)}
        | {column: shown[key(row["tabel"] + "_top3", row["positie"], column)] for column in ("aantal", "percentage")}
        for row in base.top3.rows
    ]
    by_sentence: dict[str, dict[str, str]] = {}
    for row in base.text.rows:
        by_sentence.setdefault(row["citaat"], {})[row["waarde"]] = shown["tekst/" + row["nummer"]]
    rows["text"] = [
        row
        | {
            "rapportjaar": str(year),
            "jaar": str(int(row["jaar"]) - BASE_YEAR + year),
            "waarde": shown["tekst/" + row["nummer"]],
            "citaat": retext(row["citaat"], year, by_sentence[row["citaat"]]),
            "omschrijving": retext(row["omschrijving"], year, {}),
        }
        for row in base.text.rows
    ]
    rows["text_codes"] = [
        row
        | {"rapportjaar": str(year)}
        | ({"afronding": format(steps["tekst/" + row["nummer"]], "f")} if row["afronding"] else {})
        for row in base.text_codes.rows
    ]
    rows["checks"] = [
        row
        | {
            "rapportjaar": str(year),
            "bron": f"synthetic report year: the {BASE_YEAR} report's layout (indwh_tools/synthetic_years.py)",
        }
        for row in base.checks.rows
    ]
    rows["rounding"] = [  # what the base report printed to an unusual step, printed again as the year before
        row
        | {
            "rapportjaar": str(year),
            "kolom": "vorig_jaar",
            "toelichting": f"{row['toelichting']} (printed again as the year before)",
        }
        for row in base.rounding.rows
        if year == BASE_YEAR + 1 and row["kolom"] == "verslagjaar"
    ]
    return rows


def add_years(project: Path, years: int, seed: int = BASE_YEAR) -> list[int]:
    """Make `project` hold `years` report years: the base year and years - 1 synthetic ones."""
    base = load(project)
    walk = Walk(base, random.Random(seed), free_figures(base))
    restatements = random.Random(f"{seed} restated")  # apart from the walk: the values stay as they were
    seeds = dict(base.year_tables | base.column_tables) | {
        "top3": base.top3,
        "text": base.text,
        "text_codes": base.text_codes,
        "checks": base.checks,
        "rounding": base.rounding,
    }
    added: dict[str, list[dict[str, str]]] = {name: [] for name in seeds}
    values, shown = dict(base.values), dict(base.shown)
    new_years = list(range(BASE_YEAR + 1, BASE_YEAR + years))
    for year in new_years:
        current = dict(values) | walk.step()
        derive(base, current)
        current_shown, steps = print_year(base, current, values, shown)
        shown_before = restate(base, restatements, shown, current_shown)
        for name, rows in year_rows(base, year, current_shown, steps, shown_before).items():
            added[name].extend(rows)
        values, shown = current, current_shown
    if base.expected_rows is not None:
        seeds["expected_rows"] = base.expected_rows
        added["expected_rows"] = [row | {"rapportjaar": str(year)} for year in new_years for row in base.expected_rows.rows]
    for name, rows in added.items():
        append_rows(seeds[name], rows)
    return new_years
