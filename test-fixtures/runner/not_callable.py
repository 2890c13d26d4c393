"""Names a profile cannot call in a loop."""

LIMIT = 5


async def poll():
    return LIMIT


def numbers():
    yield LIMIT
