{{ stage_report_table('doorlooptijden', ['verslagjaar', 'vorig_jaar']) }}
