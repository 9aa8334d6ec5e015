"""The final participation report of a process: data (data.py), HTML and PDF (render.py)."""
