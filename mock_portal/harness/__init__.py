"""What only tests, the simulator and the trainers' mock use: the staged servers (stage.py), the SMTP
capture, the simulator's blueprint and situations, the footprint of each request."""
