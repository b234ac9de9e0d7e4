"""fairmined: Fairtrade and Fairmined gold certification as an open library.

Premium quotes, audits against the standards, and lot verification for buyers.
The public API is what ``__all__`` lists; everything in a module whose name
starts with an underscore is private.
"""

from fairmined._version import __version__

__all__ = ["__version__"]
