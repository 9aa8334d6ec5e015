"""Meeting pages: public (list, detail, registration), edit, manage, check-in and tables."""
