{{ dimension_table('verblijfsdoel') }}
