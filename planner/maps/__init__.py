"""maps layer."""
