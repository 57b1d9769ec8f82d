"""The marts as pandas frames, read-only, with the helper columns the
specification checks (whole numbers, multiples of the rounding step)."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd

FACTS = ("fact_aanvragen", "fact_dienstverlening", "fact_financien")
YEAR_OVER_YEAR = ("aanvragen_jaar_op_jaar", "dienstverlening_jaar_op_jaar", "financien_jaar_op_jaar")
DIMENSIONS = {
    "fact_aanvragen": ("domein", "procedure", "verblijfsdoel", "nationaliteit", "documentsoort"),
    "fact_dienstverlening": ("onderwerp", "klantdirectie"),
    "fact_financien": ("categorie", "post"),
}
ALWAYS = ("maatstaf", "eenheid")


def with_helpers(fact: pd.DataFrame) -> pd.DataFrame:
    """Add is_geheel (a whole number), veelvoud_van_afronding (a multiple of
    its rounding step) and jaar_verschil (jaar - rapportjaar)."""
    frame = fact.copy()
    waarde = frame["waarde"].astype(float)
    frame["is_geheel"] = waarde.mod(1).eq(0)
    frame["veelvoud_van_afronding"] = (waarde / frame["afronding"].astype(float)).round(9).mod(1).eq(0)
    frame["veelvoud_van_50"] = waarde.mod(50).eq(0)
    frame["jaar_verschil"] = frame["jaar"] - frame["rapportjaar"]
    return frame


def read_marts(path: Path) -> tuple[dict[str, pd.DataFrame], dict[str, set[str]]]:
    """Frames of the facts and year-over-year marts, and the code set of every dimension."""
    with duckdb.connect(str(path), read_only=True) as con:
        frames = {name: with_helpers(con.execute(f"select * from marts.{name}").df()) for name in FACTS}
        frames["alle_feiten"] = pd.concat([frames[name][["observatie_id"]].assign(feit=name) for name in FACTS], ignore_index=True)
        for name in YEAR_OVER_YEAR:
            fact = "fact_" + name.removesuffix("_jaar_op_jaar")
            frames[name] = con.execute(
                f"""
                select y.*, f.bron_regel
                from marts.{name} as y
                inner join marts.{fact} as f on y.observatie_id = f.observatie_id
                """
            ).df()
        dims = {dim for names in DIMENSIONS.values() for dim in names} | set(ALWAYS) | {"kwalificatie"}
        codes = {dim: {row[0] for row in con.execute(f"select code from marts.dim_{dim}").fetchall()} for dim in dims}
        tables = {row[0] for row in con.execute("select table_name from information_schema.tables where table_schema = 'marts'").fetchall()}
        if "reconciliaties" in tables:
            frames["reconciliaties"] = con.execute("select * from marts.reconciliaties").df()
    return frames, codes
