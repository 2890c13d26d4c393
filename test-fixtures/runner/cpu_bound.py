"""CPU-bound: pure Python arithmetic, no waiting (blocking ratio ~0)."""


def spin():
    total = 0
    for i in range(20_000):
        total += i * i
    return total
