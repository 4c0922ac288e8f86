"""Raster images: probing (guard rails) and derivatives (sizes, formats, cache)."""
