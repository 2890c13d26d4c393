// The real file system, as interpreter discovery asks about it.

import fs from "node:fs";
import type { FileSystemView } from "../engines/interpreterDiscovery.js";

export const nodeFileSystem: FileSystemView = {
  listDirectory(directory) {
    try {
      return fs.readdirSync(directory);
    } catch {
      return [];
    }
  },
  isExecutableFile(file) {
    try {
      fs.accessSync(file, fs.constants.X_OK);
      return fs.statSync(file).isFile();
    } catch {
      return false;
    }
  },
  realPath(file) {
    try {
      return fs.realpathSync(file);
    } catch {
      return file;
    }
  },
};
