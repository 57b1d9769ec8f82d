{{ stage_report_table('totaaloverzicht_regulier') }}
