"""policemag: the police magazine's publishing pipeline.

Data flows one way: ``content`` reads and validates the repository into the typed
``model``; pure writers (``web``, ``epub``, ``feed``, ``comics``, ``images``) turn the
model into outputs. Only ``mkdocs_plugin`` imports MkDocs.
"""

__version__ = "0.1.0"
