{{ dimension_table('onderwerp') }}
