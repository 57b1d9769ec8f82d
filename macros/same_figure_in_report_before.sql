{#- The join of a figure to the same figure as the report before printed
    it: `later` is a figure of report N + 1 about year N (its vorig_jaar),
    `earlier` the figure of report N about its own year N (its
    verslagjaar), with the same dimensions (`dims`, column names), measure
    and unit. -#}
{% macro same_figure_in_report_before(later, earlier, dims) -%}
    {{ later }}.rapportjaar = {{ earlier }}.rapportjaar + 1
    and {{ later }}.jaar = {{ earlier }}.rapportjaar
    and {{ earlier }}.jaar = {{ earlier }}.rapportjaar
    {%- for dim in dims %}
    and {{ later }}.{{ dim }} = {{ earlier }}.{{ dim }}
    {%- endfor %}
    and {{ later }}.maatstaf = {{ earlier }}.maatstaf
    and {{ later }}.eenheid = {{ earlier }}.eenheid
{%- endmacro %}
