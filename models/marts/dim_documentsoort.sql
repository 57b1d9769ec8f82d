{{ dimension_table('documentsoort') }}
