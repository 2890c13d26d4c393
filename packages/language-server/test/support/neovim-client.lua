-- Headless Neovim as the language server's client, for test/neovim.test.ts.
--
-- Run as `nvim --headless --clean -u NONE -n -i NONE -c "luafile neovim-client.lua"`
-- with AETHER_NVIM_SPEC naming a JSON file (written by runNeovim in neovim.ts):
--   { cmd, root, output, timeoutMs, settings, settingsVia, cases: [{ file, action? }] }
--
-- Only Neovim 0.7's API is used (Debian 12's neovim): vim.lsp.start_client and
-- vim.lsp.buf_attach_client (vim.lsp.start came in 0.8). For each case it
-- opens the file, waits for the diagnostics the server pushes, and, if the
-- case has an action, puts the cursor on it and runs Neovim's own
-- vim.lsp.buf.code_action(), answering its vim.ui.select with the action of
-- the given title, so Neovim applies the edit as it would for a user; then it
-- waits until the server has published diagnostics for the edited buffer's
-- version. At the end it stops the client (shutdown, exit) and writes what
-- happened to `output` as JSON. Whatever fails, it writes { error = ... } and
-- quits, so nvim never sits waiting for input that will not come.

local spec_path = os.getenv("AETHER_NVIM_SPEC")
local started = vim.loop.hrtime()
local out = { events = {}, cases = {}, configurationRequests = {} }
local spec

local function write_output()
  local path = spec and spec.output or (spec_path and spec_path .. ".out.json")
  if not path then return end
  local file = assert(io.open(path, "w"))
  file:write(vim.json.encode(out))
  file:close()
end

local function event(text)
  table.insert(out.events, string.format("%6d ms %s", (vim.loop.hrtime() - started) / 1e6, text))
end

-- Diagnostics as vim.diagnostic holds them (0-based lnum; col in bytes).
local function diagnostics_of(bufnr)
  local list = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    local lsp = d.user_data and d.user_data.lsp or {}
    table.insert(list, {
      lnum = d.lnum,
      col = d.col,
      end_lnum = d.end_lnum,
      end_col = d.end_col,
      severity = d.severity,
      message = d.message,
      source = d.source,
      -- 0.7 keeps the LSP code at the top level and (deprecated) under user_data.lsp.
      code = d.code or lsp.code,
      href = lsp.codeDescription and lsp.codeDescription.href or nil,
    })
  end
  table.sort(list, function(a, b)
    if a.lnum ~= b.lnum then return a.lnum < b.lnum end
    return a.col < b.col
  end)
  return list
end

local function wait_for(what, condition)
  if not vim.wait(spec.timeoutMs, condition, 10) then
    error("timed out after " .. spec.timeoutMs .. " ms waiting for " .. what)
  end
end

-- Every push, per document, with the version it is for.
local publishes = {}

local function run_case(client_id, case)
  local result = { file = case.file }
  table.insert(out.cases, result)
  vim.cmd("edit " .. vim.fn.fnameescape(case.file))
  local bufnr = vim.api.nvim_get_current_buf()
  local uri = vim.uri_from_bufnr(bufnr)
  -- Detection (on under --clean) would say python too; the server only lints
  -- python documents, so the test does not leave it to chance.
  vim.bo[bufnr].filetype = "python"
  assert(vim.lsp.buf_attach_client(bufnr, client_id), "vim.lsp.buf_attach_client failed")

  wait_for("the first diagnostics of " .. case.file, function() return publishes[uri] ~= nil end)
  event("diagnostics for " .. case.file)
  result.diagnostics = diagnostics_of(bufnr)
  result.lines = vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)

  local action = case.action
  if action == nil then return end
  -- Neovim's own code-action flow: it asks the attached clients with the
  -- cursor's position as the range and the line's diagnostics as context,
  -- then lets the user choose with vim.ui.select; "the user" picks by title.
  vim.api.nvim_win_set_cursor(0, { action.line + 1, action.character })
  local chosen = false
  local tick = vim.api.nvim_buf_get_changedtick(bufnr)
  vim.ui.select = function(items, _, on_choice)
    result.offered = {}
    local pick
    for _, item in ipairs(items) do
      local a = item[2]
      table.insert(result.offered, { title = a.title, kind = a.kind, isPreferred = a.isPreferred == true })
      if a.title == action.title and pick == nil then pick = item end
    end
    chosen = true
    if pick == nil then
      -- Raised here, the error would end in the RPC callback's handler, not main.
      result.missing = "no code action titled " .. vim.inspect(action.title)
      on_choice(nil)
      return
    end
    on_choice(pick)
  end
  -- 0.7 documents `only` as a string but sends the context as given; the
  -- protocol (and the server) wants a list.
  vim.lsp.buf.code_action(action.only and { only = action.only } or nil)
  wait_for("vim.lsp.buf.code_action to offer actions", function() return chosen end)
  if result.missing then error(result.missing .. " among " .. vim.inspect(result.offered)) end
  wait_for("the code action to change the buffer", function()
    return vim.api.nvim_buf_get_changedtick(bufnr) ~= tick
  end)
  event("applied " .. action.title)
  result.linesAfter = vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)

  -- The edit reaches the server as didChange (the client debounces it); wait
  -- for the push that answers the buffer's current version.
  local version = vim.lsp.util.buf_versions[bufnr]
  result.versionAfter = version
  wait_for("diagnostics for version " .. tostring(version) .. " of " .. case.file, function()
    for _, v in ipairs(publishes[uri] or {}) do
      if v == version then return true end
    end
    return false
  end)
  result.diagnosticsAfter = diagnostics_of(bufnr)
end

local function main()
  assert(spec_path, "AETHER_NVIM_SPEC is not set")
  local spec_file = assert(io.open(spec_path, "r"))
  spec = vim.json.decode(spec_file:read("*a"))
  spec_file:close()
  local v = vim.version()
  out.nvimVersion = v.major .. "." .. v.minor .. "." .. v.patch
  -- Several buffers get edited without being written.
  vim.o.hidden = true
  -- --clean keeps filetype plugins on, and ftplugin/python.vim asks
  -- has('python3'): the provider check then runs python3 in blocking jobs,
  -- and for seconds (15 s on a busy machine) vim.wait neither polls its
  -- condition nor runs the LSP client's scheduled callbacks. No providers.
  for _, provider in ipairs({ "python3", "python", "ruby", "perl", "node" }) do
    vim.g["loaded_" .. provider .. "_provider"] = 0
  end

  -- What Neovim would show the user (the LSP client's errors among them).
  vim.notify = function(msg, level)
    event("notify[" .. tostring(level) .. "]: " .. tostring(msg))
  end
  local publish = vim.lsp.handlers["textDocument/publishDiagnostics"]
  vim.lsp.handlers["textDocument/publishDiagnostics"] = function(err, result, ctx, config)
    if result then
      publishes[result.uri] = publishes[result.uri] or {}
      table.insert(publishes[result.uri], result.version or vim.NIL)
    end
    return publish(err, result, ctx, config)
  end
  local configuration = vim.lsp.handlers["workspace/configuration"]
  vim.lsp.handlers["workspace/configuration"] = function(err, result, ctx, config)
    local answer = configuration(err, result, ctx, config)
    table.insert(out.configurationRequests, { items = result.items, answer = answer })
    return answer
  end
  vim.lsp.handlers["window/showMessage"] = function(_, result)
    event("showMessage[" .. tostring(result.type) .. "]: " .. tostring(result.message))
  end

  -- The `aether` settings reach the server one of three ways:
  --   didChangeConfiguration: pushed from on_init, as nvim-lspconfig does (0.7's
  --     client never sends it by itself);
  --   initializationOptions: `init_options = { settings = ... }`;
  --   workspace/configuration: answered from `settings` by 0.7's handler, but
  --     0.7 does not advertise workspace.configuration, so the test does.
  -- An empty Lua table would be encoded as the JSON array []: the spec's JSON
  -- object is decoded to a table, so an empty one is made a dict explicitly.
  local aether = spec.settings
  if next(aether) == nil then aether = vim.empty_dict() end
  local capabilities = vim.lsp.protocol.make_client_capabilities()
  local config = {
    name = "aether",
    cmd = spec.cmd,
    root_dir = spec.root,
    capabilities = capabilities,
    on_exit = function(code, signal)
      out.serverExit = { code = code, signal = signal }
    end,
  }
  -- Only the chosen way is open: 0.7 never advertises workspace.configuration,
  -- later versions do; without it the server takes pushed or initial settings.
  capabilities.workspace.configuration = nil
  if spec.settingsVia == "didChangeConfiguration" then
    config.settings = { aether = aether }
    config.on_init = function(client)
      client.notify("workspace/didChangeConfiguration", { settings = client.config.settings })
    end
  elseif spec.settingsVia == "initializationOptions" then
    config.init_options = { settings = aether }
  elseif spec.settingsVia == "workspace/configuration" then
    config.settings = { aether = aether }
    capabilities.workspace.configuration = true
  else
    error("unknown settingsVia " .. tostring(spec.settingsVia))
  end
  out.advertisesConfiguration = capabilities.workspace.configuration == true

  local client_id = vim.lsp.start_client(config)
  assert(client_id, "vim.lsp.start_client did not start the server")
  local client = vim.lsp.get_client_by_id(client_id)
  out.serverPid = client.rpc and client.rpc.pid
  event("started the server, pid " .. tostring(out.serverPid))

  for _, case in ipairs(spec.cases) do
    run_case(client_id, case)
  end
  out.offsetEncoding = client.offset_encoding

  vim.lsp.stop_client(client_id)
  wait_for("the server to exit after shutdown and exit", function() return out.serverExit ~= nil end)
  event("server exited")
end

local ok, err = xpcall(main, debug.traceback)
if not ok then out.error = tostring(err) end
pcall(write_output)
vim.cmd("qa!")
