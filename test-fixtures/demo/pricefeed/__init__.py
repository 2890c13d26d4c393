"""pricefeed: fetch, cache and serve market prices over HTTP."""

__version__ = "0.3.1"
__all__ = ("cache", "config", "fetcher", "native", "server", "stats", "storage")
