{{ dimension_table('procedure') }}
