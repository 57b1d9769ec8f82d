{#- Fails for every row that has neither a code in the column tested nor,
    in column `reason`, why no code applies: a code others use (ISO 3166,
    Eurostat) is given wherever one applies, and its absence explained
    wherever none does. Each failing row names its key. -#}
{% test code_or_reason(model, column_name, reason, key='code') %}

select
    {{ adapter.quote(key) }},
    {{ adapter.quote(column_name) }},
    {{ adapter.quote(reason) }}
from {{ model }}
where
    coalesce(trim({{ adapter.quote(column_name) }}), '') = ''
    and coalesce(trim({{ adapter.quote(reason) }}), '') = ''

{% endtest %}
