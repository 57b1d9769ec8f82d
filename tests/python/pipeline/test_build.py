"""What the build says of a failed dbt node: one line that names what failed,
from the message dbt gives (indwh.pipeline.build.essence)."""

from __future__ import annotations

from indwh.pipeline.build import essence, failures_of

# The form of dbt's message for a model whose columns break its enforced contract.
CONTRACT = """Compilation Error in model fact_financien (models/marts/fact_financien.sql)
  This model has an enforced contract that failed.
  Please ensure the name, data_type, and number of columns in your contract match the columns in your model's definition.

  | column_name | definition_type | contract_type | mismatch_reason    |
  | ----------- | --------------- | ------------- | ------------------ |
  | waarde      | DECIMAL(18,2)   | DOUBLE        | data type mismatch |


  > in macro assert_columns_equivalent (macros/relations/column/columns_spec_ddl.sql)
  > called by model fact_financien (models/marts/fact_financien.sql)
"""


def test_a_broken_contract_names_the_model_and_each_column() -> None:
    assert essence(CONTRACT) == (
        "Compilation Error in model fact_financien (models/marts/fact_financien.sql) This model has an enforced contract"
        " that failed: column_name=waarde, definition_type=DECIMAL(18,2), contract_type=DOUBLE,"
        " mismatch_reason=data type mismatch"
    )


def test_an_error_a_model_raises_is_said_as_raised() -> None:
    message = (
        "Runtime Error in model stg_ind__studenten\n  Invalid Input Error: seeds/rapport/studenten.csv, row: the value is empty\n"
    )
    assert essence(message) == "Invalid Input Error: seeds/rapport/studenten.csv, row: the value is empty"


def test_failures_are_listed_once_with_the_nodes_that_gave_them() -> None:
    results = [
        {"status": "error", "message": CONTRACT, "unique_id": "model.ind.fact_financien"},
        {"status": "success", "message": "OK", "unique_id": "model.ind.fact_aanvragen"},
        {"status": "fail", "message": "Got 1 result, configured to fail if != 0", "unique_id": "test.ind.a.1"},
        {"status": "fail", "message": "Got 1 result, configured to fail if != 0", "unique_id": "test.ind.b.2"},
    ]
    listed = failures_of(results)
    assert len(listed) == 2
    assert listed[0].endswith("mismatch_reason=data type mismatch [fact_financien]")
    assert listed[1] == "Got 1 result, configured to fail if != 0 [a, b]"


def test_a_broken_constraint_without_the_build_file_is_said_as_duckdb_says_it() -> None:
    message = (
        "Runtime Error in model dim_domein (models/marts/dim_domein.sql)\n"
        "  Constraint Error: NOT NULL constraint failed: dim_domein__dbt_tmp.label_en\n"
    )
    results = [{"status": "error", "message": message, "unique_id": "model.ind.dim_domein", "compiled_code": "select 1"}]
    assert failures_of(results) == ["Constraint Error: NOT NULL constraint failed: dim_domein__dbt_tmp.label_en [dim_domein]"]
