"""The figures of a new report's running text, proposed for a person to confirm.

Every number of the running text is either a figure (a row of
`tekstcijfers.csv`) or not (a year, or a row of `bron/geen_cijfers.csv`
saying why not: a rank, a date, an ordinal). Reading a new text:

- a number on a line shaped as a line of the previous text that
  `geen_cijfers.csv` explains (the same words, numbers aside, and the same
  number) is proposed as not a figure, with the same reason;
- every other number of the running text (the tables' lines aside) is a
  candidate figure: its line, the bounding word before it (the printed
  words of `seeds/codes/code_kwalificatie.csv`), its value as printed and
  its sentence;
- a candidate whose sentence is the sentence of a figure of the previous
  report (numbers aside), at the same place in it, is proposed as that
  figure again: its chapter, paragraph, description, the year it is about
  (when the sentence names it) and its row of `map_tekstcijfers.csv` (a
  figure it repeats renumbered).

A proposal is never a figure the build accepts: a candidate's `waarde` is
left empty, so that `make build` lists it until a person has confirmed it
(written the value shown beside it on the review page).
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from pathlib import Path

from indwh.pipeline.report_seeds import LINE, REPORT_SEEDS, TEXT_FIGURES, YEAR, read_rows
from indwh.pipeline.report_text import RANK, is_year_header, squeeze, values_of
from indwh.printed import PATTERN

NOT_FIGURES = Path("bron") / "geen_cijfers.csv"  # per report: the numbers of its text that are not figures, and why
TEXT_CODES = Path("seeds") / "mappings" / "map_tekstcijfers.csv"
BOUNDING_WORDS = Path("seeds") / "codes" / "code_kwalificatie.csv"
REPEATS = "herhaalt"  # the column of TEXT_CODES naming the figure a text figure repeats
REPEATS_TEXT = "tekst/"  # a repeated figure of the running text: tekst/<nummer>
NUMBER = re.compile(r"\d+(?:[.,]\d+)*")  # a number as tests/python/test_bron.py counts them
YEAR_NUMBER = re.compile(r"(?:19|20)\d\d")
# The units the grammar allows after a number (`%`, ` milj.`, ...), its last
# group, with any run of white space where it has a space.
UNITS = re.search(r"\(([^()]*)\)\?\$$", PATTERN.pattern)
assert UNITS is not None, "dutch_number_pattern ends in its group of units"
UNIT_WORDS = UNITS.group(1).replace(" ", r"\s+")
PRINTED = re.compile(rf"(?:€\s+)?(?<![\d.,])(\d+(?:[.,]\d+)*)(?:({UNIT_WORDS})(?!\w))?")
SENTENCE_END = re.compile(r"[.!?](?=\s+[A-Z0-9€\u2018\u201c(])|\n[^\S\n]*\n")  # opening quotes too
MONTHS = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
]
DATE = re.compile(rf"\d{{1,2}} (?:{'|'.join(MONTHS)}) (?:19|20)\d\d")
ORDINAL = re.compile(r"e\b")  # right after the number: 1e, 2e
SAME_SENTENCE = 0.8  # how alike two sentences (numbers aside) must be for a candidate to be proposed as a figure again


@dataclass
class Candidate:
    """A number of the running text that may be a figure."""

    regel: int
    waarde: str  # as printed
    kwalificatie: str
    citaat: str  # its sentence
    place: int  # which number of the sentence it is (from 0)
    nummer: int = 0
    like: dict[str, str] | None = None  # the figure of the previous report it is proposed as
    jaar: int | None = None  # the year it is proposed to be about
    mapping: dict[str, str] | None = None  # its proposed row of map_tekstcijfers.csv


@dataclass(frozen=True)
class NotAFigure:
    """A number proposed for geen_cijfers.csv: not a figure, with the reason the previous report gave."""

    regel: int
    getal: str
    reden: str


@dataclass
class Proposals:
    candidates: list[Candidate]
    not_figures: list[NotAFigure]
    unmatched: list[dict[str, str]]  # figures of the previous report no candidate is proposed as


def masked(text: str) -> str:
    """A line or sentence with its numbers (years too) as `#`; a top-3 row's nationality as `*`."""
    text = squeeze(text)
    rank = RANK.fullmatch(text)
    if rank:
        text = f"{rank.group(1)}. *"
    return NUMBER.sub("#", text)


def running_text(lines: list[str]) -> tuple[str, list[int]]:
    """The text with its lines joined, and where each line starts in it. A
    word the extraction broke over two lines (it leaves no space after the
    first part, and drops the hyphen: `ingewil` / `ligd`) is joined again."""
    parts, starts, offset = [], [], 0
    for index, line in enumerate(lines):
        following = lines[index + 1] if index + 1 < len(lines) else ""
        broken = line[-1:].isalpha() and line[-1:].islower() and following[:1].isalpha() and following[:1].islower()
        starts.append(offset)
        parts.append(line if broken else f"{line}\n")
        offset += len(parts[-1])
    return "".join(parts), starts


def sentences(text: str) -> list[tuple[int, int]]:
    """The (start, end) offsets of the sentences of `text`."""
    spans, start = [], 0
    for end in SENTENCE_END.finditer(text):
        spans.append((start, end.start() + 1))
        start = end.end()
    spans.append((start, len(text)))
    return spans


def bounding_words(root: Path) -> list[str]:
    return sorted((row["gedrukt"].strip() for row in read_rows(root / BOUNDING_WORDS)[1]), key=len, reverse=True)


def bounding_word(before: str, words: list[str]) -> str:
    """The bounding word just before a number (`rond de € 364 miljoen`: rond)."""
    before = squeeze(before.removesuffix("€").rstrip())
    for word in words:
        if re.search(rf"(?:^|[\s(]){re.escape(word)}(?:\s+de)?$", before):
            return word
    return ""


def kind(line: str, start: int, end: int) -> str | None:
    """What a number is by the words around it, where they tell: an ordinal
    (`1e aanleg`) or the day of a date (`10 oktober 2010`: the date)."""
    if ORDINAL.match(line, end):
        return "ordinaal"
    date = DATE.match(line, start)
    return f"datum {date.group(0)}" if date else None


def previous_not_figures(root: Path, last: int, lines: list[str]) -> tuple[dict[tuple[str, str], str], dict[str, str]]:
    """For the numbers geen_cijfers.csv explains in report `last`: (shape of
    the line, number) -> reason; and per kind of number (ordinal, date) the
    reason it gave, a date's own date written `{}` in it."""
    shapes, kinds = {}, {}
    for row in read_rows(root / NOT_FIGURES)[1]:
        if row[YEAR].strip() != str(last) or not 0 < int(row[LINE]) <= len(lines):
            continue
        line, number, reason = lines[int(row[LINE]) - 1], row["getal"].strip(), row["reden"].strip()
        shapes[(masked(line), number)] = reason
        for match in NUMBER.finditer(line):
            found = kind(line, match.start(), match.end()) if match.group(0) == number else None
            if found and found.startswith("datum "):
                date = found.removeprefix("datum ")
                if date in reason:
                    kinds["datum"] = reason.replace(date, "{}")
            elif found:
                kinds[found] = reason
    return shapes, kinds


def propose(root: Path, last: int, previous: list[str], lines: list[str], tables: set[int], year: int) -> Proposals:
    """The proposals for the running text `lines` of report `year`, with
    report `last` (its text `previous`) as the template; `tables`: the
    lines the tables stand on."""
    explained, kinds = previous_not_figures(root, last, previous)
    words = bounding_words(root)
    text, starts = running_text(lines)
    spans = sentences(text)
    candidates, not_figures = [], []
    for number, line in enumerate(lines, start=1):
        shape = masked(line)
        value_line = values_of(line) is not None or is_year_header(line)
        for match in NUMBER.finditer(line):
            getal = match.group(0)
            if YEAR_NUMBER.fullmatch(getal) or value_line:
                continue
            if (shape, getal) in explained:
                not_figures.append(NotAFigure(number, getal, explained[(shape, getal)]))
                continue
            found = kind(line, match.start(), match.end())
            if found and found.split(" ")[0] in kinds:
                reason = kinds[found.split(" ")[0]]
                not_figures.append(NotAFigure(number, getal, reason.replace("{}", found.removeprefix("datum "))))
                continue
            if number in tables:
                continue
            candidates.append(candidate(text, starts[number - 1] + match.start(), number, spans, words))
    unmatched = match_previous(root, last, candidates, year)
    return Proposals(candidates, not_figures, unmatched)


def candidate(text: str, offset: int, regel: int, spans: list[tuple[int, int]], words: list[str]) -> Candidate:
    start, end = next((span for span in spans if span[0] <= offset < span[1]), spans[-1])
    printed = PRINTED.match(text, offset)
    assert printed is not None  # the number itself matches
    euro = text[max(start, offset - 3) : offset]
    value = printed.group(1) + re.sub(r"\s+", " ", printed.group(2) or "")
    if re.search(r"€\s+$", euro):
        value = f"€ {value}"
        offset = text.rfind("€", start, offset)
    sentence = squeeze(text[start:end])
    before = squeeze(text[start:offset])
    place = len(NUMBER.findall(before))
    if not PATTERN.fullmatch(value):
        value = printed.group(1)
    return Candidate(regel, value, bounding_word(before, words), sentence, place)


def match_previous(root: Path, last: int, candidates: list[Candidate], year: int) -> list[dict[str, str]]:
    """Number the candidates and propose each as the figure of report `last`
    whose sentence it stands in; the figures of `last` none is proposed as."""
    for nummer, found in enumerate(candidates, start=1):
        found.nummer = nummer
    figures = [row for row in read_rows(root / REPORT_SEEDS / f"{TEXT_FIGURES}.csv")[1] if row[YEAR].strip() == str(last)]
    codes = {row["nummer"].strip(): row for row in read_rows(root / TEXT_CODES)[1] if row[YEAR].strip() == str(last)}
    scored = []
    for figure in figures:
        citaat = masked(figure["citaat"])
        numbers = NUMBER.findall(squeeze(figure["citaat"]))
        first = NUMBER.search(figure["waarde"])
        place = numbers.index(first.group(0)) if first and first.group(0) in numbers else 0
        # the previous sentence (or the part of it quoted), its numbers any numbers
        quoted = re.compile(NUMBER.pattern.join(re.escape(part) for part in NUMBER.split(squeeze(figure["citaat"]))))
        for found in candidates:
            within = quoted.search(found.citaat)
            if within:
                score, offset, part = 1.0, len(NUMBER.findall(found.citaat[: within.start()])), within.group(0)
            else:
                score, offset, part = difflib.SequenceMatcher(None, citaat, masked(found.citaat)).ratio(), 0, found.citaat
            if score >= SAME_SENTENCE and found.place - offset == place:
                scored.append((score, -abs(found.regel - int(figure[LINE])), figure, found, part))
    scored.sort(key=lambda entry: (entry[0], entry[1]), reverse=True)
    taken: set[int] = set()
    given: dict[str, Candidate] = {}
    for _, _, figure, found, part in scored:
        if found.nummer in taken or figure["nummer"].strip() in given:
            continue
        taken.add(found.nummer)
        given[figure["nummer"].strip()] = found
        found.like = figure
        found.citaat = part  # quoted as the previous report quoted it
        jaar = int(figure["jaar"]) + year - last  # as far from the report's year as the previous figure
        if figure["jaar"] not in figure["citaat"] or str(jaar) in found.citaat:  # a year its sentence names
            found.jaar = jaar
        word = figure["kwalificatie"].strip()
        if not found.kwalificatie and word and word in found.citaat:
            found.kwalificatie = word  # bounding the figure from further off, as in the previous report
    for number, found in given.items():
        code = codes.get(number)
        if code is None:
            continue
        mapping = dict(code) | {YEAR: str(year), "nummer": str(found.nummer)}
        repeats = code.get(REPEATS, "").strip()
        if repeats.startswith(REPEATS_TEXT):
            other = given.get(repeats.removeprefix(REPEATS_TEXT))
            if other is None:
                continue  # the figure it repeats is not proposed: the person decides
            mapping[REPEATS] = f"{REPEATS_TEXT}{other.nummer}"
        found.mapping = mapping
    return [figure for figure in figures if figure["nummer"].strip() not in given]
