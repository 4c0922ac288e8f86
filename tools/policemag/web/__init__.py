"""The web edition.

``plugin`` is the only module that imports MkDocs: a thin adapter that hands the
model to MkDocs. ``pages`` writes the Markdown of every generated page, ``fonts`` the
self-hosted WOFF2 files, ``search`` the documents of the search index: all of them pure Python.
"""
