"""The final participation report of a process, laid out like the restituzione of a meeting:
data (data.py), HTML and PDF (render.py), publishing, writes (services.py), forms, views, urls."""
