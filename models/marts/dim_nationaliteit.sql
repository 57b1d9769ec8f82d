{{ dimension_table('nationaliteit') }}
