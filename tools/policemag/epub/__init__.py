"""One EPUB 3 per issue: right-to-left, fixed-layout comic pages, accessible, reproducible.

See docs/epub.md for the structure and the decisions.
"""

from policemag.epub.build import build_epub, issue_identifier

__all__ = ["build_epub", "issue_identifier"]
