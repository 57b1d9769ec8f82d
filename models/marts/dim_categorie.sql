{{ dimension_table('categorie') }}
