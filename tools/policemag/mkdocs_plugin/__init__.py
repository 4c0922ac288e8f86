"""The MkDocs adapter: the only package that imports MkDocs.

``plugin`` maps MkDocs' lifecycle onto the core (read and validate in ``on_config``,
pages as generated files, outputs in ``on_post_build``); ``render_cache`` keeps rendered
pages between builds. Replacing MkDocs means replacing this package and nothing else.
"""
