"""The pytest plugin: it collects the guide's procedures from guide.md, gives them their fixtures (the mock,
the sites, the simulator, the actor), layers Playwright's own fixtures, keeps the session's state in
`config.stash`, retries, masks secrets, and writes the run (hooks.py is the entry point)."""
