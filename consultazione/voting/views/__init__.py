"""Priority exercises: public pages (list, ballot, results), staff pages and supports."""
