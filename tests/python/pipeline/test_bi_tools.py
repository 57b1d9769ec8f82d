"""docs/bi-tools.md works when pasted: its connection text (the SQLAlchemy
URI, Superset's engine parameters as JSON, the URI alone, the Python
example) is read from the page, the absolute path put in where the page
says, and the published warehouse opened with it through SQLAlchemy, as a
BI tool does, in a process of its own: read-only, with `marts` as its
schema, while other programs read the file too."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import duckdb
import pytest

from indwh.paths import ROOT, warehouse_path
from tests.python.project import DUCKDB_CLI

PAGE = ROOT / "docs" / "bi-tools.md"
# The page: "`/path/to/project/warehouse/ind.duckdb` stands for what it prints: replace it with that."
PLACEHOLDER = "/path/to/project/warehouse/ind.duckdb"
BLOCK = re.compile(r"^```(\w*)\n(.*?)^```", re.S | re.M)
MVV_2011 = 49700.0  # "Totaal aanvragen mvv 49.700", line 109 of the report

Connection = tuple[str, dict[str, Any]]


def blocks(language: str) -> list[str]:
    return [body.strip() for tag, body in BLOCK.findall(PAGE.read_text(encoding="utf-8")) if tag == language]


def pasted(text: str, path: Path) -> str:
    """`text` with the placeholder replaced by the absolute path, as the page says."""
    assert PLACEHOLDER in text, f"{PAGE.name}: {text!r} does not name the file as {PLACEHOLDER}"
    return text.replace(PLACEHOLDER, str(path.resolve()))


def connections(path: Path) -> dict[str, Connection]:
    """The page's two ways to connect, pasted for `path`: Superset's URI with
    its engine parameters (JSON, as Superset's field takes it, keyword
    arguments of create_engine), and the URI that carries everything."""
    uris = [text for text in blocks("text") if text.startswith("duckdb:")]
    plain = [uri for uri in uris if "?" not in uri]
    alone = [uri for uri in uris if "?" in uri]
    (parameters,) = blocks("json")
    assert len(plain) == 1 and len(alone) == 1, f"{PAGE.name}: the URIs are {uris}"
    return {
        "superset": (pasted(plain[0], path), json.loads(parameters)),
        "uri alone": (pasted(alone[0], path), {}),
    }


# A BI tool's process: creates the engine as the page says, then answers one
# request a line on stdin with one JSON line on stdout: SQL (on a connection
# from the engine's pool), `inspect` (what a tool's schema and table pickers
# show, and a table reflected from the default schema), or `dispose`. Its
# pooled connection stays open between requests.
READER = """
import json, sys, warnings
import sqlalchemy
warnings.simplefilter("ignore")  # duckdb-engine does not reflect indexes, and says so
engine = sqlalchemy.create_engine(sys.argv[1], **json.loads(sys.argv[2]))
for line in sys.stdin:
    request = line.strip()
    try:
        if request == "dispose":
            engine.dispose()
            answer = None
        elif request == "inspect":
            inspector = sqlalchemy.inspect(engine)
            schema = inspector.default_schema_name
            facts = sqlalchemy.Table("fact_aanvragen", sqlalchemy.MetaData(), schema=schema, autoload_with=engine)
            answer = {
                "schemas": inspector.get_schema_names(),
                "default": schema,
                "tables": inspector.get_table_names(schema=schema),
                "columns": list(facts.columns.keys()),
            }
        else:
            with engine.connect() as connection:
                answer = [list(row) for row in connection.exec_driver_sql(request)]
    except Exception as error:
        answer = {"error": str(error)}
    print(json.dumps(answer, default=str), flush=True)
"""


class Reader:
    def __init__(self, process: subprocess.Popen[str]) -> None:
        self.process = process

    def ask(self, request: str) -> Any:
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.write(request + "\n")
        self.process.stdin.flush()
        line = self.process.stdout.readline()
        assert line, f"the reader ended: {self.process.stderr.read() if self.process.stderr else ''}"
        return json.loads(line)

    def rows(self, sql: str) -> list[list[Any]]:
        answer = self.ask(sql)
        assert isinstance(answer, list), f"{sql}: {answer}"
        return answer


@contextmanager
def reader(connection: Connection) -> Iterator[Reader]:
    url, parameters = connection
    process = subprocess.Popen(
        [sys.executable, "-c", READER, url, json.dumps(parameters)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        yield Reader(process)
    finally:
        process.communicate(timeout=60)


def cli(path: Path, sql: str) -> subprocess.CompletedProcess[str]:
    """Another program reading the file while the reader holds it: the DuckDB CLI."""
    return subprocess.run(
        [str(DUCKDB_CLI), "-readonly", "-noheader", "-csv", "-c", sql, str(path)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def marts_tables() -> list[str]:
    with duckdb.connect(str(warehouse_path()), read_only=True) as con:
        found = con.execute("select table_name from duckdb_tables() where schema_name = 'marts' order by 1").fetchall()
    return [name for (name,) in found]


def test_the_page_names_the_file_by_its_absolute_path_and_gives_json() -> None:
    """A relative path or Python's `True` in the JSON fails here before any connection."""
    pasted_for = connections(Path("/warehouse/ind.duckdb"))
    for name, (url, _) in pasted_for.items():
        assert url.startswith("duckdb:////warehouse/ind.duckdb"), f"{name}: {url}"
    assert pasted_for["superset"][1]["connect_args"]["read_only"] is True


@pytest.mark.parametrize("name", ["superset", "uri alone"])
def test_a_bi_tool_reads_the_marts_unqualified_while_others_read(name: str) -> None:
    published = warehouse_path()
    with reader(connections(published)[name]) as tool:
        assert tool.rows("select current_setting('access_mode'), current_schema()") == [["read_only", "marts"]]
        (count,) = tool.rows("select count(*) from fact_aanvragen")[0]
        mvv = tool.rows(
            "select waarde from fact_aanvragen where procedure = 'mvv' and verblijfsdoel = 'totaal'"
            " and maatstaf = 'aanvragen' and jaar = 2011"
        )
        picked = tool.ask("inspect")
        other = cli(published, "select count(*) from marts.fact_aanvragen")  # while the tool's connection is open
    assert other.returncode == 0, other.stderr
    assert count == int(other.stdout) > 0
    assert [float(value) for (value,) in mvv] == [MVV_2011]
    assert "ind.marts" in picked["schemas"]
    assert picked["default"] == "marts"
    assert sorted(picked["tables"]) == marts_tables()
    assert {"observatie_id", "jaar", "waarde", "bron_regel"} <= set(picked["columns"])


def test_without_read_only_the_tool_locks_other_readers_out(tmp_path: Path) -> None:
    """Why the page insists on the flag: the same engine parameters without
    it, on a copy, and the CLI can no longer open the file."""
    copy = tmp_path / "ind.duckdb"
    shutil.copyfile(warehouse_path(), copy)
    url, parameters = connections(copy)["superset"]
    del parameters["connect_args"]["read_only"]
    with reader((url, parameters)) as tool:
        assert tool.rows("select count(*) from fact_aanvragen")[0][0] > 0
        other = cli(copy, "select 1")
    assert other.returncode != 0 and "Could not set lock" in other.stderr, other.stderr


def test_an_open_engine_reads_the_file_it_opened_until_disposed(tmp_path: Path) -> None:
    """What the page says a publish does: the file is replaced by a rename;
    the engine's pooled connection goes on reading the old file, also for a
    new checkout, and reads the new one after engine.dispose()."""
    published = tmp_path / "ind.duckdb"
    shutil.copyfile(warehouse_path(), published)
    new = tmp_path / "new" / "ind.duckdb"
    new.parent.mkdir()
    shutil.copyfile(warehouse_path(), new)
    with duckdb.connect(str(new)) as con:
        con.execute("delete from marts.publicaties")
    (which,) = blocks("sql")  # the page's "which publish a connection reads"
    with reader(connections(published)["superset"]) as tool:
        before = tool.rows(which)
        new.replace(published)
        assert tool.rows(which) == before != [[None]]
        tool.ask("dispose")
        assert tool.rows(which) == [[None]]


def test_the_python_example_runs_as_pasted() -> None:
    # (the page's other Python block reads the export: test_export_readers.py)
    (example,) = [block for block in blocks("python") if "sqlalchemy" in block]
    result = subprocess.run(
        [sys.executable, "-W", "ignore", "-c", pasted(example, warehouse_path())],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert re.search(rf"\b2011\s+{MVV_2011}\b", result.stdout), result.stdout
