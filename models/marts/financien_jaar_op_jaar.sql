{{ year_over_year('fact_financien', 'financien') }}
