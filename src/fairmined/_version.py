"""The library's version, read by the build and by decision records."""

__version__ = "0.1.0"
