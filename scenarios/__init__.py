"""The support guide made executable: procedures, steps and their browser bindings."""
