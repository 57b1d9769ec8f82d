{#- A number as text without trailing zeros (50.00 -> 50, 0.50 -> 0.5),
    for explanations that quote rounding steps and tolerances. -#}
{% macro format_getal(expression) -%}
    case
        when ({{ expression }}) = 0 then '0'
        else rtrim(rtrim(cast(cast({{ expression }} as decimal(38, 6)) as varchar), '0'), '.')
    end
{%- endmacro %}
