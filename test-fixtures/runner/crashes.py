"""A target that ends the interpreter itself, as a crashing C extension would."""

import os


def crash():
    os._exit(70)
