"""Itinerary exports: calendar (.ics), GPX, CSV and a printable PDF."""
