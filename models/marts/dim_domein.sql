{{ dimension_table('domein') }}
