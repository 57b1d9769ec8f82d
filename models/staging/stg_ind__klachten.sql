{{ stage_report_table('klachten') }}
