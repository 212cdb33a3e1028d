"""Timings of the hub's slow steps (run with `make benchmark`)."""
