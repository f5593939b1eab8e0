"""Reference solutions (instructor only: never part of a student release)."""
