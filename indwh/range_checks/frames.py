"""The marts as pandas frames, read-only, with the helper columns the
specification checks (whole numbers, multiples of a rounding step, the
rounding the report uses for a table)."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd

from indwh import definitions
from indwh.errors import MissingTable
from indwh.range_checks.expected import expected_rows_per_year, table_rounding

YEAR_OVER_YEAR = ("aanvragen_jaar_op_jaar", "dienstverlening_jaar_op_jaar", "financien_jaar_op_jaar")
RECONCILIATIONS = "reconciliaties"
ALL_FACTS = "alle_feiten"
DIMENSIONS = definitions.fact_dimensions()  # {fact_aanvragen: (domein, ...), ...}: the var fact_dimensions
FACTS = tuple(DIMENSIONS)
ALWAYS = ("maatstaf", "eenheid")


def multiple_of(values: pd.Series, steps: pd.Series) -> pd.Series:
    """Whether each value is a whole multiple of its step (null where either is null)."""
    ratio = values.astype(float) / steps.astype(float)
    return ratio.round(9).mod(1).eq(0).where(values.notna() & steps.notna())


def expected_table_rounding(fact: pd.DataFrame) -> pd.Series:
    """The step the report rounds a table count to (table_rounding.csv): the
    most specific row wins (table and printed value, then table, then the
    rule for every table); null for text figures and non-counts."""
    rule, by_table, by_value = None, {}, {}
    for row in table_rounding():
        if not row["bron_tabel"]:
            rule = row["afronding"]
        elif row["bron_waarde"]:
            by_value[(row["bron_tabel"], row["bron_waarde"])] = row["afronding"]
        else:
            by_table[row["bron_tabel"]] = row["afronding"]
    # Vectorised, the name split once per distinct table: at 1000 report
    # years a fact has 259,000 rows.
    titles = fact["bron_tabel"]
    names = titles.map({title: title.split(" — ")[0] for title in titles.dropna().unique()})
    steps = names.map(by_table).astype("float64")
    if rule is not None:
        steps = steps.fillna(rule)
    for (name, printed), step in by_value.items():
        steps[(names == name) & (fact["bron_waarde"] == printed)] = step
    return steps.where(names.notna() & (fact["eenheid"] == "aantal"))


def rows_per_year(frame: pd.DataFrame, table: str) -> pd.DataFrame:
    """rijen_in_rapportjaar (the rows of the frame with this row's report
    year) and verwachte_rijen (the rows expected_rows.csv counts in that
    report of this table; null for a report year it does not know)."""
    expected = {year: facts.get(table) for year, facts in expected_rows_per_year().items()}
    frame["rijen_in_rapportjaar"] = frame.groupby("rapportjaar")["rapportjaar"].transform("size").astype("float64")
    frame["verwachte_rijen"] = frame["rapportjaar"].map(expected).astype("float64")
    return frame


def with_helpers(fact: pd.DataFrame, table: str | None = None) -> pd.DataFrame:
    """A fact with is_geheel (a whole number), veelvoud_van_afronding (a
    multiple of its rounding step), tabelafronding (the step the report uses
    for this table's counts), jaar_verschil (jaar - rapportjaar) and, given
    the fact's name (or its feit column), its rows per report year."""
    frame = fact.copy()
    waarde = frame["waarde"].astype(float)
    frame["is_geheel"] = waarde.mod(1).eq(0)
    frame["veelvoud_van_afronding"] = multiple_of(waarde, frame["afronding"])
    frame["tabelafronding"] = expected_table_rounding(frame)
    frame["jaar_verschil"] = frame["jaar"] - frame["rapportjaar"]
    return rows_per_year(frame, table or frame["feit"].iloc[0])


def tables(con: duckdb.DuckDBPyConnection) -> set[str]:
    """The marts of the connection's current catalog."""
    query = "select table_name from information_schema.tables where table_schema = 'marts' and table_catalog = current_database()"
    return {row[0] for row in con.execute(query).fetchall()}


def read_marts(path: Path) -> tuple[dict[str, pd.DataFrame], dict[str, set[str]]]:
    """Frames of the facts, of all facts' keys together, of the year-over-year
    marts (with the report line of their figure) and of the reconciliations,
    and the code set of every dimension. Raises MissingTable naming the
    marts that are not there."""
    if not path.exists():
        raise MissingTable(f"{path} does not exist")
    with duckdb.connect(str(path), read_only=True) as con:
        return marts_from(con, str(path))


def marts_from(
    con: duckdb.DuckDBPyConnection, name: str = "the warehouse"
) -> tuple[dict[str, pd.DataFrame], dict[str, set[str]]]:
    """read_marts over an open connection (its current catalog); `name` is
    what a MissingTable error calls it."""
    dims = {dim for names in DIMENSIONS.values() for dim in names} | set(ALWAYS) | {"kwalificatie"}
    wanted = set(FACTS) | set(YEAR_OVER_YEAR) | {RECONCILIATIONS} | {f"dim_{dim}" for dim in dims}
    missing = sorted(wanted - tables(con))
    if missing:
        raise MissingTable(f"{name} has no " + ", ".join(f"marts.{table}" for table in missing))
    frames = {table: with_helpers(con.execute(f"select * from marts.{table}").df().assign(feit=table)) for table in FACTS}
    frames[ALL_FACTS] = rows_per_year(
        pd.concat([frames[table][["observatie_id", "rapportjaar"]].assign(feit=table) for table in FACTS], ignore_index=True),
        ALL_FACTS,
    )
    for table in YEAR_OVER_YEAR:
        fact = "fact_" + table.removesuffix("_jaar_op_jaar")
        frames[table] = con.execute(
            f"""
            select y.*, f.bron_regel, f.rapportjaar as bron_rapportjaar
            from marts.{table} as y
            left join marts.{fact} as f on y.observatie_id = f.observatie_id
            """
        ).df()
    frames[RECONCILIATIONS] = con.execute(f"select * from marts.{RECONCILIATIONS}").df()
    codes = {dim: {row[0] for row in con.execute(f"select code from marts.dim_{dim}").fetchall()} for dim in dims}
    return frames, codes
