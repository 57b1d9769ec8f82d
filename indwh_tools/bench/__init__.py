"""`make bench`: what a build, the dev loop, the queries, the range checks
and growth by report years cost, written to target/bench/."""
