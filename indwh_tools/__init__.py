"""The maintainers' tools, apart from the warehouse's own package (indwh):
the benchmark, the mutation run, the synthetic report years and the copy of
the project they and the tests build in. `indwh-tools <command>`."""
