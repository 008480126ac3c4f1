"""Datetime normalisation and extraction (see normalize.py, extract.py)."""
