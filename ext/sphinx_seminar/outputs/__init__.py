"""What the build writes from the model: HTML (schedule tables, speakers, series, reference
lists and the title and citation visitors), LaTeX (handouts, title page, running heads),
iCalendar files, and the bibliography's styles and per-entry BibTeX files."""
