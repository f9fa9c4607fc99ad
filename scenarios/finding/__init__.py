"""Finding what a person sees: elements by their accessible names (find.py), lists and periods (lists.py),
the `newest=` engine, the portal's profile (profile.py, profiles/*.toml), the page objects and the ways to
each screen (pages/), and what the probe checks (probe.py)."""
