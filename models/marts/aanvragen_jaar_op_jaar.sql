{{ year_over_year('fact_aanvragen', 'aanvragen') }}
