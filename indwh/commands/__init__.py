"""The commands of `indwh`, one module each: `run(args) -> exit status`."""
