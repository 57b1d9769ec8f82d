{{ dimension_table('maatstaf') }}
