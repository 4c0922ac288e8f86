"""The web edition without MkDocs: the Markdown of every generated page (``pages``),
the images it shows (``media``), the self-hosted fonts (``fonts``) and the documents of
the search index (``search``). Pure Python: never imports MkDocs or the adapter.
"""
