"""Fails when imported, as a module does when its environment is not set up."""

raise RuntimeError("DATABASE_URL is not set")


def handle():
    pass
