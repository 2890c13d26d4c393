// The status engines without running Python: where interpreters are looked
// for (on a made-up file system), which pair of builds a regression compares
// and what it says when one kind is missing, and what an import check means.

import assert from "node:assert/strict";
import path from "node:path";
import { minorVersion, pairBuilds } from "../src/engines/buildPairing.js";
import { importVerdict, summarizeImports, type ImportCheck } from "../src/engines/gilImports.js";
import { findInterpreterCandidates, findOnPath, INTERPRETER_NAME, type FileSystemView } from "../src/engines/interpreterDiscovery.js";
import type { InterpreterFacts } from "../src/engines/interpreterFacts.js";

/** A file system of executables (path → what it links to, or itself); directories are implied by paths. */
function fakeFileSystem(executables: Record<string, string>): FileSystemView {
  return {
    listDirectory: (directory) => [
      ...new Set(
        Object.keys(executables)
          .filter((file) => file.startsWith(`${directory}/`))
          .map((file) => file.slice(directory.length + 1).split("/")[0]!),
      ),
    ],
    isExecutableFile: (file) => Object.hasOwn(executables, file),
    realPath: (file) => executables[file] ?? file,
  };
}

function facts(version: string, freeThreadedBuild: boolean, harnessSupported = true): InterpreterFacts {
  return {
    executable: `/opt/python/${version}${freeThreadedBuild ? "t" : ""}`,
    version,
    releaseLevel: "final",
    versionText: version,
    implementation: "cpython",
    freeThreadedBuild,
    gilEnabled: !freeThreadedBuild,
    cpuCount: 8,
    harnessSupported,
    virtualEnv: false,
  };
}

describe("interpreter discovery", () => {
  it("matches the names CPython installs", () => {
    for (const name of ["python", "python3", "python3.13", "python3.13t", "python3.9", "python3t"]) assert.match(name, INTERPRETER_NAME);
    for (const name of ["python3-config", "python3.13-config", "pythonw", "python2", "python3.13d", "ipython3"]) {
      assert.doesNotMatch(name, INTERPRETER_NAME);
    }
  });

  it("looks at --python, the virtualenv, PATH and pyenv, in that order, each file once", () => {
    const files = fakeFileSystem({
      "/work/.venv/bin/python": "/usr/bin/python3.12",
      "/work/.venv/bin/python3": "/usr/bin/python3.12",
      "/usr/bin/python3": "/usr/bin/python3.12",
      "/usr/bin/python3.12": "/usr/bin/python3.12",
      "/usr/bin/python3-config": "/usr/bin/python3-config",
      "/usr/local/bin/python3.14t": "/usr/local/bin/python3.14t",
      "/home/me/.pyenv/shims/python3": "/home/me/.pyenv/shims/python3",
      "/home/me/.pyenv/shims/python3.13": "/home/me/.pyenv/shims/python3.13",
      "/home/me/.pyenv/versions/3.13.1/bin/python3": "/home/me/.pyenv/versions/3.13.1/bin/python3.13",
      "/home/me/.pyenv/versions/3.13.1/bin/python3.13": "/home/me/.pyenv/versions/3.13.1/bin/python3.13",
      "/home/me/.pyenv/versions/3.14.0t/bin/python3.14t": "/home/me/.pyenv/versions/3.14.0t/bin/python3.14t",
      "/opt/custom/py": "/opt/custom/py",
    });
    const env = {
      PATH: ["/home/me/.pyenv/shims", "/usr/local/bin", "/usr/bin", "/usr/bin", ""].join(path.delimiter),
      VIRTUAL_ENV: "/work/.venv",
      HOME: "/home/me",
    };
    const candidates = findInterpreterCandidates({ env, files, explicit: "/opt/custom/py" });
    assert.deepEqual(candidates, [
      { path: "/opt/custom/py", sources: ["--python"] },
      { path: "/work/.venv/bin/python3", sources: ["virtualenv", "PATH"] },
      // Only python and python3 among pyenv's shims: python3.13 is the version below.
      { path: "/home/me/.pyenv/shims/python3", sources: ["PATH"] },
      { path: "/usr/local/bin/python3.14t", sources: ["PATH"] },
      { path: "/home/me/.pyenv/versions/3.13.1/bin/python3", sources: ["pyenv"] },
      { path: "/home/me/.pyenv/versions/3.14.0t/bin/python3.14t", sources: ["pyenv"] },
    ]);
  });

  it("honours PYENV_ROOT and finds nothing where nothing is", () => {
    const files = fakeFileSystem({ "/srv/pyenv/versions/3.13.0/bin/python3": "/srv/pyenv/versions/3.13.0/bin/python3" });
    assert.deepEqual(findInterpreterCandidates({ env: { PYENV_ROOT: "/srv/pyenv", HOME: "/home/me" }, files }), [
      { path: "/srv/pyenv/versions/3.13.0/bin/python3", sources: ["pyenv"] },
    ]);
    assert.deepEqual(findInterpreterCandidates({ env: {}, files: fakeFileSystem({}) }), []);
  });

  it("finds a name on PATH as a shell would", () => {
    const files = fakeFileSystem({ "/b/python3": "/b/python3", "/c/python3": "/c/python3" });
    assert.equal(findOnPath("python3", { PATH: ["/a", "/b", "/c"].join(path.delimiter) }, files), "/b/python3");
    assert.equal(findOnPath("python", { PATH: "/b" }, files), undefined);
  });
});

describe("build pairing", () => {
  const at = (file: string, version: string, freeThreaded: boolean, supported = true) => ({ path: file, facts: facts(version, freeThreaded, supported) });

  it("pairs the newest minor version that has both builds, preferring the user's python3", () => {
    const interpreters = [
      at("/usr/bin/python3.13", "3.13.2", false),
      at("/opt/a/python3.13", "3.13.1", false),
      at("/opt/python3.13t", "3.13.1", true),
      at("/opt/python3.14t", "3.14.0", true),
      at("/usr/bin/python3.12", "3.12.4", false),
    ];
    const pair = pairBuilds(interpreters, { preferred: (interpreter) => interpreter.path === "/opt/a/python3.13" });
    assert.equal(pair.standard!.path, "/opt/a/python3.13");
    assert.equal(pair.freeThreaded!.path, "/opt/python3.13t");
    assert.equal(pair.missing, null);
    assert.equal(pairBuilds(interpreters).standard!.path, "/usr/bin/python3.13", "else the newest");
    assert.equal(minorVersion(facts("3.13.1", true)), "3.13");
  });

  it("says there is no free-threaded build, and keeps the standard one to measure", () => {
    const pair = pairBuilds([at("/usr/bin/python3", "3.11.7", false), at("/old/python2", "2.7.18", false, false)], { checked: 9 });
    assert.equal(pair.freeThreaded, null);
    assert.equal(pair.standard!.path, "/usr/bin/python3");
    assert.deepEqual(pair.missing, {
      build: "free-threaded",
      message: "No free-threaded build of Python was found (9 interpreters checked; free-threaded builds are named like python3.13t or python3.14t).",
    });
  });

  it("says which standard build is missing when only other minor versions have one", () => {
    const pair = pairBuilds([at("/usr/bin/python3", "3.11.7", false), at("/opt/python3.14t", "3.14.0", true)]);
    assert.equal(pair.standard, null);
    assert.equal(pair.freeThreaded!.path, "/opt/python3.14t");
    assert.deepEqual(pair.missing, {
      build: "standard",
      message: "No standard (GIL) build of Python 3.14 was found to compare with the free-threaded 3.14.0 at /opt/python3.14t (2 interpreters checked).",
    });
  });

  it("leaves out interpreters the harness cannot run (older than 3.9)", () => {
    const pair = pairBuilds([at("/old/python3.8", "3.8.18", false, false)]);
    assert.equal(pair.standard, null);
    assert.equal(pair.freeThreaded, null);
  });
});

describe("extension imports", () => {
  const check = (module: string, before: boolean, after: boolean, error: string | null = null): ImportCheck => ({
    module,
    gilEnabledBefore: before,
    gilEnabledAfter: after,
    warnings: [],
    error,
  });

  it("judges one import by the GIL before and after it", () => {
    assert.equal(importVerdict(check("a", false, false)), "keeps-gil-off");
    assert.equal(importVerdict(check("a", false, true)), "enables-gil");
    assert.equal(importVerdict(check("a", true, true)), "gil-already-on");
    assert.equal(importVerdict(check("a", false, false, "ImportError: no")), "import-failed");
  });

  it("judges a distribution by its worst module and names the offenders", () => {
    const distribution = { name: "fastlib", version: "1.2", modules: ["fastlib", "fastlib_extra"] };
    const summary = summarizeImports(distribution, [check("fastlib", false, false), check("fastlib_extra", false, true)]);
    assert.equal(summary.verdict, "enables-gil");
    assert.deepEqual(summary.offenders, ["fastlib_extra"]);
    assert.equal(summarizeImports(distribution, [check("fastlib", false, false)]).verdict, "keeps-gil-off");
  });
});
