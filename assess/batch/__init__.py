"""Scoring many answer sheets at once: `inputs` (which files), `pool` (supervised worker
processes), `portfolio` (the results), `run` (one file, and the batch)."""
