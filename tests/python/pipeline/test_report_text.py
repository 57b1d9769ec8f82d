"""Reading a report's tables from its text with the 2011 report as the
template: texts made from the 2011 one (made_texts.py) the way a next
report differs from it, or damaged on purpose. Whatever the text, nothing
is read wrongly (every value read is the made text's), and every row not
read is a gap pointing into the text, with the reason. No build: these
read text only."""

from __future__ import annotations

from pathlib import Path

import pytest

from indwh.paths import ROOT
from indwh.pipeline import report_text
from indwh.pipeline.report_text import Reading, Template, TemplateError
from tests.python.pipeline.made_texts import Made, next_values, next_year

SOURCE = "bron/made.txt"


@pytest.fixture(scope="module")
def template() -> Template:
    return report_text.learn(ROOT, 2011)


def read(made: Made, template: Template, year: int = 2012) -> Reading:
    return report_text.read_tables(made.render().splitlines(), template, year, SOURCE)


def next_report() -> Made:
    made = Made.from_2011()
    next_year(made)
    next_values(made)
    return made


def assert_nothing_wrong(made: Made, reading: Reading) -> set[tuple[str, str | None, int]]:
    """Every value read is what the made text prints for that row, on that
    line, with that label; every row of the template is read or a gap
    pointing at a line of the text. The keys of the rows read."""
    answers = made.answers()
    lines = made.render().splitlines()
    read = {}
    for cell in reading.cells:
        answer = answers[cell.row.key]
        assert (cell.values, cell.regel, cell.label) == (answer.values, answer.regel, answer.label), cell
        read[cell.row.key] = cell
    unread = {gap.row.key for gap in reading.gaps if gap.row is not None}
    assert not unread & set(read)
    assert unread | set(read) == {row.key for row in reading.tables[0].table.blocks[0].rows} | {
        row.key for table in reading.tables for block in table.table.blocks for row in block.rows
    }
    for gap in reading.gaps:
        assert 1 <= gap.line <= len(lines), gap
        assert reading.listed(gap).startswith(f"{SOURCE}:{gap.line}: ") and reading.listed(gap).endswith(")")
    return set(read)


def test_the_template_is_learned_from_where_the_2011_values_stood(template: Template) -> None:
    by_title = {table.title: table for table in template.tables}
    assert len(template.rows) == 128 and sum(len(row.values) for row in template.rows) == 266
    assert by_title["Totaaloverzicht Regulier"].blocks[0].after_values == ["Totaal beslissingen bezwaar visum kort verblijf"]
    caribisch = by_title["Resultaten IND-unit Caribisch Nederland"].blocks[0]
    assert caribisch.header == ["Aanbod Beslissing Beslissing", "afgewezen ingewilligd"]
    assert [block.header for block in by_title["Studenten"].blocks] == [["2011 2010"], ["aantal percentage"]]


def test_a_next_report_is_read_whole_with_every_value_as_printed(template: Template) -> None:
    made = next_report()
    reading = read(made, template)
    assert reading.gaps == [] and reading.new_labels == []
    assert len(assert_nothing_wrong(made, reading)) == 128
    assert sum(len(cell.values) for cell in reading.cells) == 266
    studenten = next(cell for cell in reading.cells if cell.row.key == ("studenten", None, 1))
    assert (studenten.values, studenten.regel) == (("8.250", "8.200"), 184)  # 2012, then 2011 read from the text


def test_the_years_of_the_header_are_checked(template: Template) -> None:
    made = next_report()
    made.set(182, " 2012 2010")  # Studenten's header
    reading = read(made, template)
    read_keys = assert_nothing_wrong(made, reading)
    unread = {gap.row.key for gap in reading.gaps if gap.row}
    assert unread == {("studenten", None, p) for p in range(1, 7)} | {
        ("top3_nationaliteiten", "studenten", p) for p in range(1, 6)
    }
    assert len(read_keys) == 128 - 11
    assert reading.listed(reading.gaps[0]) == (
        f"{SOURCE}:182: studenten row 1 'Aantal aanvragen mvv' not read"
        " (the header reads '2012 2010' where '2012 2011' was expected)"
    )


def test_the_2011_text_read_as_2012_fills_only_the_table_without_years(template: Template) -> None:
    """Every header with years says 2011 2010, not 2012 2011; the Caribbean
    table's header names no year (new-report refuses a text of an earlier
    report as a whole, tests/python/pipeline/test_new_report.py)."""
    reading = read(Made.from_2011(), template)
    assert {cell.row.seed for cell in reading.cells} == {"caribisch_nederland"} and len(reading.gaps) == 128 - 10


def test_two_spaces_between_values_are_one_separator(template: Template) -> None:
    made = next_report()
    for row in made.rows.values():
        made.set(row.regel, "  " + "  ".join(row.values) + "  ")
    made.set(107, "  2012   2011")
    reading = read(made, template)
    assert reading.gaps == [] and len(assert_nothing_wrong(made, reading)) == 128


def test_lines_between_tables_change_nothing(template: Template) -> None:
    made = next_report()
    made.insert(131, "", "Een regel tekst tussen de waarden en de voetnoot.", "")
    made.insert(206, "", "Zie ook de toelichting op pagina 12.", "")
    made.insert(556, "", "", "Procesvertegenwoordiging in cijfers", "")
    made.insert(838, "Bron: IND", "")
    reading = read(made, template)
    assert reading.gaps == [] and len(assert_nothing_wrong(made, reading)) == 128


def test_a_page_number_below_the_values_leaves_the_table_empty(template: Template) -> None:
    made = next_report()
    made.insert(857, "", " 12")  # a number on its own below Doorlooptijden: a fifth value line?
    reading = read(made, template)
    assert_nothing_wrong(made, reading)
    assert {gap.row.key for gap in reading.gaps if gap.row} == {("doorlooptijden", None, p) for p in range(1, 5)}
    assert "(4 label(s) but 5 value line(s) from line 851)" in reading.listed(reading.gaps[0])


def test_a_row_added_is_a_new_label_with_its_line_and_values(template: Template) -> None:
    made = next_report()
    made.insert(659, "", "•  EU-verblijfsdocument langdurig ingezetene")  # before Totaal
    made.insert(675, "", " 1.250 900")  # its values, before Totaal's
    reading = read(made, template)
    assert reading.gaps == [] and len(assert_nothing_wrong(made, reading)) == 128
    (new,) = reading.new_labels
    lines = made.render().splitlines()
    assert (new.block.name, new.label, new.values) == (
        "documenten",
        "EU-verblijfsdocument langdurig ingezetene",
        ("1.250", "900"),
    )
    assert lines[new.line - 1].endswith(new.label) and lines[new.regel - 1] == " 1.250 900"
    totaal = next(cell for cell in reading.cells if cell.row.key == ("documenten", None, 7))
    assert lines[totaal.regel - 1].split() == list(totaal.values)


def test_a_row_without_a_bullet_is_new_when_the_template_prints_such_a_label(template: Template) -> None:
    made = next_report()
    made.insert(690, "", "Totaal")  # Naturalisatie gets a Totaal printed as Documenten prints its own
    made.insert(702, "", " 52.750 49.400")
    reading = read(made, template)
    assert reading.gaps == [] and len(assert_nothing_wrong(made, reading)) == 128
    (new,) = reading.new_labels
    assert (new.block.name, new.label, new.values) == ("naturalisatie", "Totaal", ("52.750", "49.400"))


def test_a_table_removed_is_named_and_the_others_read(template: Template) -> None:
    made = next_report()
    made.remove(829, 839)  # Bereikbaarheid: title, labels, header, values
    reading = read(made, template)
    assert len(assert_nothing_wrong(made, reading)) == 126
    assert {gap.row.key for gap in reading.gaps if gap.row} == {("bereikbaarheid", None, 1), ("bereikbaarheid", None, 2)}
    assert all("no title 'Bereikbaarheid' followed by its labels" in gap.why for gap in reading.gaps)


def test_values_without_their_table_are_not_taken_for_the_next_one(template: Template) -> None:
    made = next_report()
    made.remove(834, 839)  # Bereikbaarheid's header and values: its labels run into Doorlooptijden
    reading = read(made, template)
    assert len(assert_nothing_wrong(made, reading)) == 126
    assert {gap.row.key[0] for gap in reading.gaps if gap.row} == {"bereikbaarheid"} and len(reading.gaps) == 2
    assert "the table 'Doorlooptijden' follows before a header" in reading.gaps[0].why


def test_a_label_missing_with_its_values_leaves_its_row_empty(template: Template) -> None:
    made = next_report()
    made.remove(158, 159)  # Studenten: "Aantal beslissingen mvv"
    made.remove(186, 187)  # and its values
    reading = read(made, template)
    assert len(assert_nothing_wrong(made, reading)) == 127
    (gap,) = reading.gaps
    assert gap.row is not None and gap.row.key == ("studenten", None, 2) and gap.why == "the text does not print the label"


def test_a_label_missing_but_not_its_values_leaves_the_block_empty(template: Template) -> None:
    made = next_report()
    made.remove(158, 159)  # the label only: five labels, six value lines
    reading = read(made, template)
    assert len(assert_nothing_wrong(made, reading)) == 122
    assert {gap.row.key for gap in reading.gaps if gap.row} == {("studenten", None, p) for p in range(1, 7)}


def test_a_loose_line_among_the_labels_leaves_the_block_empty(template: Template) -> None:
    made = next_report()
    made.remove(158, 159)
    made.insert(160, "", "(voorlopige cijfers)")  # a line in its place: the count fits, the positions are in doubt
    reading = read(made, template)
    assert len(assert_nothing_wrong(made, reading)) == 122
    assert "neither a label of the template nor a bullet line" in reading.gaps[0].why


def test_a_value_line_with_another_number_of_values_leaves_its_row_empty(template: Template) -> None:
    made = next_report()
    made.set(111, " 48.950 48.900 47.000")
    reading = read(made, template)
    assert len(assert_nothing_wrong(made, reading)) == 127
    (gap,) = reading.gaps
    assert reading.listed(gap).endswith(
        ":111: totaaloverzicht_regulier row 2 'Totaal beslissingen mvv' not read"
        " (3 value(s) on the line, the table has 2 column(s))"
    )


def test_a_label_printed_after_the_footnote_is_still_found(template: Template) -> None:
    made = next_report()
    made.remove(136, 136)  # the twelfth label of Totaaloverzicht Regulier, below the footnote
    reading = read(made, template)
    assert len(assert_nothing_wrong(made, reading)) == 116
    assert "11 label(s) but 12 value line(s)" in reading.gaps[0].why


def test_top3_rows_are_matched_by_rank_and_the_nationality_read(template: Template) -> None:
    made = next_report()
    made.set(172, "1. Turkse ")
    made.rows[("top3_nationaliteiten", "studenten", 1)].label = "1. Turkse"
    reading = read(made, template)
    assert reading.gaps == [] and len(assert_nothing_wrong(made, reading)) == 128
    first = next(cell for cell in reading.cells if cell.row.key == ("top3_nationaliteiten", "studenten", 1))
    assert first.label == "1. Turkse" and first.row.label == "1. Chinese"


def test_a_revised_year_before_is_read_not_copied(template: Template) -> None:
    made = next_report()
    made.put_values(("totaaloverzicht_regulier", None, 1), ("49.750", "49.650"))  # 2011 was printed 49.700
    reading = read(made, template)
    assert reading.gaps == [] and len(assert_nothing_wrong(made, reading)) == 128
    cell = next(cell for cell in reading.cells if cell.row.key == ("totaaloverzicht_regulier", None, 1))
    assert cell.values[1] == "49.650" and cell.row.values[0] == "49.700"


def test_a_template_that_does_not_read_its_own_text_back_is_refused(template: Template) -> None:
    lines = Made.from_2011().render().splitlines()
    lines[108] = " 49.700 53.650"  # line 109: the text no longer says what the seeds hold
    with pytest.raises(TemplateError, match=r"report 2011 does not read back from its own text: .*:109: "):
        report_text.check_reads_back(template, lines)


def test_a_form_feed_does_not_end_a_line(template: Template, tmp_path: Path) -> None:
    """A page break of the extraction (form feed) stands inside a line: the lines are counted as `regel` counts them."""
    made = next_report()
    made.set(155, "\x0c Studenten")  # a page break before the table's title
    made.set(160, "• Inwilligingen mvv\x0c")
    lines = report_text.read_lines(made.write(tmp_path / "made.txt"), "made.txt")
    reading = report_text.read_tables(lines, template, 2012, SOURCE)
    assert reading.gaps == [] and len(assert_nothing_wrong(made, reading)) == 128


@pytest.mark.parametrize(("line", "text"), [(174, "1. Turkse "), (162, "•  Aantal beslissingen mvv")])
def test_a_row_claimed_twice_is_not_read(template: Template, line: int, text: str) -> None:
    """Two labels for one row (a rank printed twice, a label printed twice): neither gets its values."""
    made = next_report()
    made.set(line, text)
    reading = read(made, template)
    assert_nothing_wrong(made, reading)
    (gap,) = (gap for gap in reading.gaps if gap.why.startswith("its label stands on lines"))
    assert gap.row is not None and gap.row.positie in (1, 2)


def test_a_table_the_template_does_not_have_is_named_by_its_values(template: Template) -> None:
    made = next_report()
    made.insert(
        1065,
        "",
        "Terugkeer",
        "•  Aantal vertrokken",
        "",
        "•  Aantal gedwongen vertrokken",
        "",
        " 2012 2011",
        "",
        " 9.100 8.900",
        "",
        " 4.000 3.950",
    )
    reading = read(made, template)
    assert reading.gaps == [] and len(assert_nothing_wrong(made, reading)) == 128
    lines = made.render().splitlines()
    assert [lines[line - 1] for line in reading.stray] == [" 2012 2011", " 9.100 8.900", " 4.000 3.950"]
    assert reading.listed_stray()[0].startswith(f"{SOURCE}:{reading.stray[0]}: values no table of the template reads")
