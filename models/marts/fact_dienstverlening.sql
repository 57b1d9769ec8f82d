{{ fact_table('dienstverlening') }}
