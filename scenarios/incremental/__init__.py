"""Redoing only what changed: what each result depends on (inputs.py), the plan of a run (plan.py), what a
change touches (impact.py), and the watch loop (watch.py)."""
