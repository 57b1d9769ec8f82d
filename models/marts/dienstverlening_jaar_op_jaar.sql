{{ year_over_year('fact_dienstverlening', 'dienstverlening') }}
