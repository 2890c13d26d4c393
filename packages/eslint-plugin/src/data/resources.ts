// Calls that build a resource or have a side effect: a "singleton" factory
// that makes one of these must run once, which `functools.cache` and
// `cached_property` do not promise under concurrency (facts §14).
export const resourceConstructors = new Set([
  "sqlite3.connect",
  "builtins.open",
  "io.open",
  "socket.socket",
  "socket.create_connection",
  "http.client.HTTPConnection",
  "http.client.HTTPSConnection",
  "urllib.request.build_opener",
  "threading.Thread",
  "concurrent.futures.ThreadPoolExecutor",
  "concurrent.futures.ProcessPoolExecutor",
  "logging.FileHandler",
  "tempfile.NamedTemporaryFile",
  "tempfile.mkdtemp",
  "subprocess.Popen",
  "atexit.register",
  "signal.signal",
  "requests.Session",
  "httpx.Client",
  "urllib3.PoolManager",
  "boto3.client",
  "boto3.session.Session",
  "redis.Redis",
  "psycopg2.connect",
  "psycopg.connect",
  "pymongo.MongoClient",
  "sqlalchemy.create_engine",
]);

/** Decorators that memoise without running the function once. */
export const memoisers = new Set(["functools.cache", "functools.lru_cache"]);
export const cachedProperty = "functools.cached_property";
