"""Two coroutines that block their event loop."""
import asyncio
import time


async def tick():
    time.sleep(1)
    await asyncio.sleep(0)


async def back_off():
    time.sleep(2)  # wait before retrying
