"""The rep's calendar in the outside world: public holidays, stored appointments and
time off, calendar sources (.ics files and URLs, CalDAV) and two-way sync."""
