"""Range checks (great-expectations) over the marts of the warehouse."""
