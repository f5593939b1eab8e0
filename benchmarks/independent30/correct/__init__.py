"""Your work: fill in the functions in these modules, then run `grade`."""
