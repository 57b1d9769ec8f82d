{{ stage_report_table('caribisch_nederland', ['aanbod', 'beslissing_afgewezen', 'beslissing_ingewilligd']) }}
