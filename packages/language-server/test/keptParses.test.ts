import assert from "node:assert/strict";
import { KeptParses } from "../src/documents/keptParses.js";
import { OpenDocument } from "../src/documents/openDocument.js";

describe("kept parses", () => {
  it("only the most recently parsed documents keep their tree; the others parse afresh, with the same result", () => {
    const kept = new KeptParses({ trees: 2, asts: 1 });
    const documents = ["a", "b", "c"].map((name) => {
      const document = new OpenDocument(`file:///${name}.py`, "python", 1, `${name} = 1\n`);
      document.budget = kept;
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

  it("only the most recently converted document keeps its AST; the others convert again, to an equal AST", () => {
    const kept = new KeptParses({ trees: 4, asts: 1 });
    const [a, b] = ["a", "b"].map((name) => {
      const document = new OpenDocument(`file:///${name}.py`, "python", 1, `${name} = 1\n`);
      document.budget = kept;
      return document;
    }) as [OpenDocument, OpenDocument];
    try {
      const astOfA = a.parsed();
      assert.equal(a.parsed(), astOfA, "an unchanged document reuses its AST");
      b.parsed(); // a lets go of its AST
      const again = a.parsed();
      assert.notEqual(again, astOfA);
      assert.deepEqual(JSON.stringify(again, (key, value) => (key === "parent" ? undefined : value)), JSON.stringify(astOfA, (key, value) => (key === "parent" ? undefined : value)));
    } finally {
      a.dispose();
      b.dispose();
    }
  });
});
