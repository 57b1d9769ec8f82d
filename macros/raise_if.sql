{#- A value that fails the build, with a message, when a condition holds:
    case when <condition> then error(<message>) ... else <value> end.
    checks: list of (condition, message) pairs of SQL expressions. -#}
{% macro raise_if(value, checks) -%}
    case
        {%- for condition, message in checks %}
        when {{ condition }} then error({{ message }})
        {%- endfor %}
        else {{ value }}
    end
{%- endmacro %}
