{{ stage_report_table('asiel_beslissingen') }}
