"""powers: catalogue (see the package docstring)."""

__all__: list[str] = []
