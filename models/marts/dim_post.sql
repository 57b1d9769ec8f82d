{{ dimension_table('post') }}
