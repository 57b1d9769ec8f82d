{#- The interval of true values a printed figure allows, from the step it
    is rounded to (afronding) and the bound its bounding word states
    (code_kwalificatie.grens):
      no word, or an approximate one (benadering): waarde -/+ afronding / 2;
      ondergrens (ruim): above waarde, no upper end;
      bovengrens (bijna, minder dan): below waarde, no lower end.
    end is 'min' or 'max'; an end the figure does not have is null. The end
    a bound states is exclusive (ruim 8.000 is more than 8.000):
    intervals_meet reads it so. -#}
{% macro rounding_interval(end, waarde, afronding, grens) -%}
    {%- if end == 'min' -%}
    case
        when {{ grens }} = 'bovengrens' then null
        when {{ grens }} = 'ondergrens' then {{ waarde }}
        else {{ waarde }} - {{ afronding }} * 0.5
    end
    {%- elif end == 'max' -%}
    case
        when {{ grens }} = 'ondergrens' then null
        when {{ grens }} = 'bovengrens' then {{ waarde }}
        else {{ waarde }} + {{ afronding }} * 0.5
    end
    {%- else -%}
    {{ exceptions.raise_compiler_error("rounding_interval: end must be 'min' or 'max', not " ~ end) }}
    {%- endif -%}
{%- endmacro %}

{#- Whether two intervals share a true value: each reaches the other's
    lower end. An interval is given by its ends (rounding_interval) and
    its grens, which says which end is exclusive or missing; none for an
    interval with two inclusive ends (such as what rounded parts add up
    to). -#}
{% macro intervals_meet(a_min, a_max, a_grens, b_min, b_max, b_grens) -%}
    {{ _reaches(a_max, a_grens, b_min, b_grens) }}
    and {{ _reaches(b_max, b_grens, a_min, a_grens) }}
{%- endmacro %}

{#- Whether the upper end of one interval lies at or above the lower end of
    the other: always when either end is missing (the upper one of ruim,
    the lower one of bijna), strictly above when either is exclusive. -#}
{% macro _reaches(upper, upper_grens, lower, lower_grens) -%}
    {%- set missing, exclusive = [], [] -%}
    {%- if upper_grens -%}
    {%- do missing.append(upper_grens ~ " = 'ondergrens'") -%}
    {%- do exclusive.append(upper_grens ~ " = 'bovengrens'") -%}
    {%- endif -%}
    {%- if lower_grens -%}
    {%- do missing.append(lower_grens ~ " = 'bovengrens'") -%}
    {%- do exclusive.append(lower_grens ~ " = 'ondergrens'") -%}
    {%- endif -%}
    {%- if missing -%}
    case
        when {{ missing | join(' or ') }} then true
        when {{ exclusive | join(' or ') }} then {{ upper }} > {{ lower }}
        else {{ upper }} >= {{ lower }}
    end
    {%- else -%}
    {{ upper }} >= {{ lower }}
    {%- endif -%}
{%- endmacro %}
