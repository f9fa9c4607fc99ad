"""What the procedures run against: the sites and their addresses, the simulator's client, the mailboxes, the
deployment's accounts and needs, Chromium, the accessibility audit."""
