"""The import framework (DESIGN.md mechanism 6): upload → validate every row → preview → commit all-or-nothing.

Apps declare importers (`fazhi/<app>/importers.py`) and register them from their AppConfig.ready(); core never
imports an app above it.
"""
