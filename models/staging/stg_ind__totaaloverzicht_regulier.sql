{{ stage_report_table('totaaloverzicht_regulier', ['verslagjaar', 'vorig_jaar']) }}
