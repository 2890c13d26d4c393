// aether-language-server as a library: start the server on a connection of
// your own (tests, or an editor that embeds it in-process).
export { startServer } from "./server.js";
export { DEFAULT_SETTINGS, readSettings, severityFor, type ServerSettings } from "./settings.js";
