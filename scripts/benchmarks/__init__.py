"""Benchmarks: timings of the hub's slow steps (`make benchmark`), and its page
weight against a stock Material site (`make weight`)."""
