"""What a run leaves for people: annotated screenshots and their review, the guide, the run report."""
