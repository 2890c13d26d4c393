"""Targets that cannot be called without arguments."""


def fetch(url, timeout=5.0, *, retries):
    return (url, timeout, retries)


class Client:
    def __init__(self, host, port=443):
        self.host = host
        self.port = port

    def ping(self):
        return self.host
