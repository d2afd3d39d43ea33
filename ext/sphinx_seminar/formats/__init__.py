"""The outputs as functions of the site's snapshot (:mod:`sphinx_seminar.core.site`) to bytes.

One module per format: iCalendar (:mod:`.ical`), Atom (:mod:`.atom`),
``schedule.json`` (:mod:`.schedule_json`), schema.org JSON-LD
(:mod:`.jsonld`), the embed page (:mod:`.embed`) and the preview images
(:mod:`.preview`); their words are in :mod:`.wording`, and
:mod:`.registry` lists every file the build writes beside the pages.
Nothing here imports Sphinx or docutils: a format is tested from a
snapshot made in memory.
"""
