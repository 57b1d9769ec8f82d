{{ stage_report_table('procesvertegenwoordiging', ['verslagjaar', 'vorig_jaar']) }}
