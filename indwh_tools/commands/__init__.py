"""The commands of `indwh-tools`, one module each: `run(args) -> exit status`."""
