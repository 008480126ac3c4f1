"""Bundled world files (data) and the scripts that build them."""
