{{ fact_table('financien') }}
