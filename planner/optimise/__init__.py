"""optimise layer."""
