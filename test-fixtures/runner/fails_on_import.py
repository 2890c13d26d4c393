"""A module that raises while being imported: the target never gets called."""

raise RuntimeError("DATABASE_URL is not set")


def handle():
    pass
