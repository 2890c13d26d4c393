import threading
import time

counter = 0


def work():
    global counter
    counter += 1  # count one unit of work


async def tick():
    time.sleep(1)


for _ in range(4):
    threading.Thread(target=work).start()
