{{ fact_table('aanvragen') }}
