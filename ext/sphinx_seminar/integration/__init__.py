"""The Sphinx integration: ``setup()`` with the configuration table, the ``seminar``
domain, the directives and nodes, the transform that reads each page's front-matter,
the checks of what a page brings in, the bibliography's parse and domain, and the late
resolution of the placeholders."""
