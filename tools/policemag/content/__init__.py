"""Reading and validating the repository into the typed model (no MkDocs here)."""
