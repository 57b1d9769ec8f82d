{{ stage_report_table('doorlooptijden') }}
