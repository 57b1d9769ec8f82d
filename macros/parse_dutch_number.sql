{#-
    The grammar of a number as the report prints it, as a SQL string: the
    var dutch_number_pattern of dbt_project.yml (read by Python as well,
    indwh/definitions.py), where it is described.
    Groups: 1 euro sign, 2 integer part, 3 decimals, 4 unit.
-#}
{% macro dutch_number_pattern() -%}
    {{ sql_string(var('dutch_number_pattern')) }}
{%- endmacro %}

{#-
    Turn a printed Dutch number into a decimal. Anything that does not
    match the grammar, or is too large for decimal(18, 2) (the var
    dutch_number_largest_digits), fails the build with an error naming the seed file,
    the row, the column and the printed value (or, with the variable
    ind_strict_parse set to false, gives null: used by the unit tests).

    value:    SQL expression with the printed text
    location: SQL expression naming the seed file, row and column
-#}
{% macro parse_dutch_number(value, location) -%}
    case
        when
            regexp_full_match(coalesce({{ value }}, ''), {{ dutch_number_pattern() }})
            and length(replace(regexp_extract({{ value }}, {{ dutch_number_pattern() }}, 2), '.', ''))
            + if({{ dutch_number_multiplier(value) }} = 1000000, 6, 0) <= {{ var('dutch_number_largest_digits') }}
            then cast(
                cast(
                    replace(regexp_extract({{ value }}, {{ dutch_number_pattern() }}, 2), '.', '')
                    || coalesce('.' || nullif(regexp_extract({{ value }}, {{ dutch_number_pattern() }}, 3), ''), '')
                    as decimal(18, 2)
                )
                * {{ dutch_number_multiplier(value) }}
                as decimal(18, 2)
            )
        {%- if var('ind_strict_parse', true) %}
        else error(
            {{ location }} || ': '
            || case
                when {{ value }} is null or {{ value }} = '' then 'the value is empty'
                when regexp_full_match({{ value }}, {{ dutch_number_pattern() }})
                    then '"' || {{ value }} || '" is too large for the warehouse (at most {{ var('dutch_number_largest_digits') }} digits before the decimal comma, a million counting as six)'
                else 'cannot read "' || {{ value }} || '" as a number printed in Dutch (like 49.700, 7,3, 99%, 1,08 milj. or € 382 miljoen)'
            end
        )
        {%- endif %}
    end
{%- endmacro %}

{#- 1000000 for the units of var dutch_number_million_units ("milj.",
    "miljoen"), 1 otherwise. -#}
{% macro dutch_number_multiplier(value) -%}
    (case
        when regexp_extract({{ value }}, {{ dutch_number_pattern() }}, 4) in (
            {%- for unit in var('dutch_number_million_units') %}{{ sql_string(unit) }}{% if not loop.last %}, {% endif %}{% endfor -%}
        ) then 1000000
        else 1
    end)
{%- endmacro %}

{#-
    The step to which the printed figure is written: 1 for a whole
    number, 0.1 for one decimal, 10000 for "1,08 milj.", 1000000 for
    "€ 382 miljoen". Table conventions (counts to 50) come on top of it.
-#}
{% macro printed_step(value) -%}
    cast(
        power(10, -length(regexp_extract({{ value }}, {{ dutch_number_pattern() }}, 3)))
        * {{ dutch_number_multiplier(value) }}
        as decimal(18, 2)
    )
{%- endmacro %}
