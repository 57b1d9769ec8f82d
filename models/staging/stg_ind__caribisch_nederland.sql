{{ stage_report_table('caribisch_nederland') }}
