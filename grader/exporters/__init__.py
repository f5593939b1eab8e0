"""Pure functions from results (and declarations) to each platform's files."""
