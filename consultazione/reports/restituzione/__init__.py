"""Restituzione of a meeting: gathers meetings, contributions and live-poll data into an
editable HTML report, then a PDF (WeasyPrint, local fonts only) and a DOCX (python-docx)."""
