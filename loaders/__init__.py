"""Loaders: read articles and annotation files, extract, merge curated corrections, resolve entities."""
