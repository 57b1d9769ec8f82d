{{ stage_report_table('arbeidsmigranten') }}
