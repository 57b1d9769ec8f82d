"""The figures of the running text proposed from a report's text, with the
previous report as the template: the 2011 text read against itself gives
back its 51 figures and the 42 numbers geen_cijfers.csv explains; a
changed sentence is a candidate with nothing proposed. No build."""

from __future__ import annotations

import pytest

from indwh.paths import ROOT
from indwh.pipeline import report_text, text_figures
from indwh.pipeline.report_seeds import read_rows
from indwh.pipeline.text_figures import Proposals
from tests.python.pipeline.made_texts import TEXT, Made, next_values, next_year


def propose(made: Made, year: int) -> Proposals:
    template = report_text.learn(ROOT, 2011)
    lines = made.render().splitlines()
    reading = report_text.read_tables(lines, template, year, "bron/made.txt")
    tables = set().union(*(table.lines for table in reading.tables))
    previous = TEXT.read_text(encoding="utf-8").splitlines()
    return text_figures.propose(ROOT, 2011, previous, lines, tables, year)


@pytest.fixture(scope="module")
def itself() -> Proposals:
    return propose(Made.from_2011(), 2011)


def test_every_2011_figure_is_a_candidate_proposed_as_itself(itself: Proposals) -> None:
    figures = [row for row in read_rows(ROOT / "seeds" / "rapport" / "tekstcijfers.csv")[1] if row["rapportjaar"] == "2011"]
    assert [(str(c.regel), c.waarde, c.kwalificatie, c.citaat) for c in itself.candidates] == [
        (row["regel"], row["waarde"], row["kwalificatie"], row["citaat"]) for row in figures
    ]  # the sentence too: a word broken over two lines joined again, quoted as far as 2011 quoted it
    assert [c.like["nummer"] if c.like else None for c in itself.candidates] == [row["nummer"] for row in figures]
    assert [c.jaar for c in itself.candidates] == [int(row["jaar"]) for row in figures]
    assert itself.unmatched == []


def test_every_2011_mapping_is_proposed_again(itself: Proposals) -> None:
    codes = [row for row in read_rows(ROOT / text_figures.TEXT_CODES)[1] if row["rapportjaar"] == "2011"]
    assert [c.mapping for c in itself.candidates] == codes  # numbered alike, so tekst/<n> in herhaalt too


def test_the_numbers_geen_cijfers_explains_are_proposed_with_their_reason(itself: Proposals) -> None:
    explained = [row for row in read_rows(ROOT / text_figures.NOT_FIGURES)[1] if row["rapportjaar"] == "2011"]
    assert sorted((str(n.regel), n.getal, n.reden) for n in itself.not_figures) == sorted(
        (row["regel"], row["getal"], row["reden"]) for row in explained
    )


def test_a_next_report_gets_its_figures_proposed_with_the_years_moved() -> None:
    made = Made.from_2011()
    next_year(made)
    next_values(made)
    made.set(1039, "In 912 zaken is handmatig onderzoek uitgevoerd.  ")  # another value, the same sentence
    made.set(1116, "De totale bezetting van de IND was eind 2012 3.290 fte, een nieuwe formulering.")
    made.insert(1172, "Op 15 mei 2012 begon de 3e fase.")
    proposals = propose(made, 2012)
    inserted = made.render().splitlines().index("Op 15 mei 2012 begon de 3e fase.") + 1
    # numbers that are no figures, by the words around them as geen_cijfers.csv explained them for 2011
    assert [(n.getal, n.reden) for n in proposals.not_figures if n.regel == inserted] == [
        ("15", "date (15 mei 2012)"),
        ("3", "ordinal in a label or heading (1e aanleg, 2e aanvraag)"),
    ]
    assert inserted not in {c.regel for c in proposals.candidates}
    by_line = {c.regel: c for c in proposals.candidates}
    assert by_line[1039].waarde == "912" and by_line[1039].like is not None and by_line[1039].like["nummer"] == "34"
    assert by_line[1116].waarde == "3.290 fte" and by_line[1116].like is None and by_line[1116].mapping is None
    assert [row["nummer"] for row in proposals.unmatched] == ["48"]
    # a figure repeating another text figure is renumbered to that figure's candidate
    repeats = {c.nummer: c.mapping["herhaalt"] for c in proposals.candidates if c.mapping and c.mapping["herhaalt"]}
    assert repeats[13] == "tekst/1"
    assert by_line[1044].kwalificatie == "naar schatting" and by_line[1107].waarde == "€ 364 miljoen"
    # the year a figure is about: as far from the report's year as before, and named where its sentence names one
    assert (by_line[147].jaar, by_line[874].jaar) == (2012, 2011)
    assert [c.jaar for c in proposals.candidates if c.regel == 883] == [2011, 2012]
