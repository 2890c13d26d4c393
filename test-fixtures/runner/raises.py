"""A target that fails: the error, its message and traceback are the report."""


def explode():
    _check_reactor()


def _check_reactor():
    raise ValueError("the reactor is on fire")
