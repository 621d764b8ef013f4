"""Reproducible performance harnesses (not part of the test run)."""
