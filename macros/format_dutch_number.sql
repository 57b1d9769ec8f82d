{#-
    A number written the Dutch way, as the report prints it: dots between
    thousands, a decimal comma (49.700, 1,08, 7,3). No sign, euro sign or
    unit: the caller adds those. Python writes the same (indwh/printed.py,
    write; tests/python/test_dutch_numbers.py holds the two together).

    value:    SQL expression with the number
    decimals: SQL expression with the number of decimals to write
-#}
{% macro format_dutch_number(value, decimals) -%}
    translate(format('{:,.' || ({{ decimals }}) || 'f}', {{ value }}), ',.', '.,')
{%- endmacro %}

{#- The decimals a number rounded to `step` is written with: 0 for 50 or
    1, 1 for 0.1, 2 for 0.01. -#}
{% macro step_decimals(step) -%}
    greatest(0, ceil(-log10({{ step }})))::integer
{%- endmacro %}

{#- A change between years written the Dutch way with its unit: percent of
    the year before with one decimal (relatief: "7,3%"), percentage points
    ("7 procentpunt") or the difference with the decimals of the figure's
    rounding step (absoluut); with its sign ("-7,3%", "+7 procentpunt")
    unless signed is false. -#}
{% macro format_change(value, verandering, afronding, signed=true) -%}
    concat(
        {%- if signed %}
        case when {{ value }} > 0 then '+' when {{ value }} < 0 then '-' else '' end,
        {%- endif %}
        {{ format_dutch_number(
            'abs(' ~ value ~ ')',
            "if(" ~ verandering ~ " = 'relatief', 1, " ~ step_decimals(afronding) ~ ")"
        ) }},
        if({{ verandering }} = 'relatief', '%', ''),
        if({{ verandering }} = 'procentpunt', ' procentpunt', '')
    )
{%- endmacro %}
