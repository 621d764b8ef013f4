"""travel layer."""
