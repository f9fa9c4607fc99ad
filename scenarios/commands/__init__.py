"""The console command `coffre-guide` (cli.py): the guide job, accept, check, probe, the mock and its window,
impact and watch."""
