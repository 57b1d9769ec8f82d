{#- Whether a reconciliation applies to a report: its span in
    reconciliatie_checks, vanaf_rapportjaar to tot_en_met_rapportjaar, both
    ends inclusive, an empty end open. The one place the span is read: the
    members (int_reconciliatie_leden_gekoppeld) and the test that every
    check reaches the mart (assert_reconciliatie_leden_kloppen) both call
    it. -#}
{% macro check_applies(rapportjaar, vanaf_rapportjaar, tot_en_met_rapportjaar) -%}
    ({{ vanaf_rapportjaar }} is null or {{ rapportjaar }} >= {{ vanaf_rapportjaar }})
    and ({{ tot_en_met_rapportjaar }} is null or {{ rapportjaar }} <= {{ tot_en_met_rapportjaar }})
{%- endmacro %}
