{{ stage_report_table('procesvertegenwoordiging') }}
