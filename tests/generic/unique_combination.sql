{#- Fails for every combination of the given columns that occurs more
    than once: the primary-key test for models keyed by several columns. -#}
{% test unique_combination(model, columns) %}

select
    {{ columns | join(', ') }},
    count(*) as aantal
from {{ model }}
group by {{ columns | join(', ') }}
having count(*) > 1

{% endtest %}
