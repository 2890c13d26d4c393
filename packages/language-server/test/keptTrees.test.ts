import assert from "node:assert/strict";
import { KeptTrees } from "../src/documents/keptTrees.js";
import { OpenDocument } from "../src/documents/openDocument.js";

describe("kept trees", () => {
  it("only the most recently parsed documents keep their tree; the others parse afresh, with the same result", () => {
    const kept = new KeptTrees(2);
    const documents = ["a", "b", "c"].map((name) => {
      const document = new OpenDocument(`file:///${name}.py`, "python", 1, `${name} = 1\n`);
      document.onParsed = (parsed) => kept.used(parsed);
      return document;
    });
    try {
      const [a, b, c] = documents as [OpenDocument, OpenDocument, OpenDocument];
      const treeOfA = a.currentTree();
      assert.equal(a.currentTree(), treeOfA, "an unchanged document reuses its tree");
      const firstTreeOfB = b.currentTree();
      a.currentTree(); // a is now more recent than b
      c.currentTree(); // over the limit: b, the least recently used, lets go
      assert.equal(a.currentTree(), treeOfA);
      const treeOfB = b.currentTree();
      assert.notEqual(treeOfB, firstTreeOfB, "b was parsed afresh");
      assert.equal(treeOfB.rootNode.text, "b = 1\n");
    } finally {
      for (const document of documents) document.dispose();
    }
  });
});
