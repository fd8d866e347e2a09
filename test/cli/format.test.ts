/** Output formats, from reports made by hand: the exact text and JSON. */
import { describe, expect, test } from "@jest/globals";
import { formatJson, formatText } from "../../src/cli/format.js";
import type { StoryReport } from "../../src/engine/index.js";

const report = (over: Partial<StoryReport>): StoryReport => ({
  path: "stories/a.md",
  kind: "story",
  title: "A",
  draft: false,
  characters: [],
  labels: ["story"],
  findings: [],
  ...over,
});

const missing = {
  rule: "faq-missing",
  severity: "error",
  message: "Question `Why?` is missing.",
  line: 40,
  column: 1,
  question: "Why?",
} as const;
const hint = { rule: "template-instructions", severity: "warning", message: "Hint left in.", line: 3, column: 12 } as const;
const title = { rule: "title-prefix", severity: "info", message: "Title lacks its prefix.", line: 1, column: 1 } as const;

describe("formatText", () => {
  test("files with findings, aligned columns, then the totals", () => {
    const text = formatText([
      report({ path: "stories/clean.md" }),
      report({ path: "stories/a.md", findings: [title, hint, missing] }),
      report({ path: "stories/b.md", findings: [hint] }),
    ]);
    expect(text).toBe(
      [
        "stories/a.md",
        "   1:1   info     Title lacks its prefix.      title-prefix",
        "   3:12  warning  Hint left in.                template-instructions",
        "  40:1   error    Question `Why?` is missing.  faq-missing",
        "",
        "stories/b.md",
        "  3:12  warning  Hint left in.  template-instructions",
        "",
        "✖ 4 problems (1 error, 2 warnings, 1 info)",
        "",
      ].join("\n"),
    );
  });

  test("singular and plural counts", () => {
    expect(formatText([report({ findings: [missing] })]).split("\n").at(-2)).toBe("✖ 1 problem (1 error, 0 warnings, 0 infos)");
    expect(formatText([report({ findings: [hint, hint] })]).split("\n").at(-2)).toBe("✖ 2 problems (0 errors, 2 warnings, 0 infos)");
  });

  test("nothing but a summary line when clean", () => {
    expect(formatText([])).toBe("✔ No problems in 0 stories\n");
    expect(formatText([report({})])).toBe("✔ No problems in 1 story\n");
    expect(formatText([report({}), report({}), report({ kind: null, labels: [] })])).toBe(
      "✔ No problems in 2 stories (1 other file matched no story kind)\n",
    );
    expect(formatText([report({ kind: null }), report({ kind: null })])).toBe(
      "✔ No problems in 0 stories (2 other files matched no story kind)\n",
    );
  });

  test("control characters from a story cannot reach the terminal; newlines become spaces", () => {
    const text = formatText([report({ path: "a\u001b[2J.md", findings: [{ ...hint, message: "Found `\u001b]0;x\u0007`\nhere" }] })]);
    expect(text).toBe("a\ufffd[2J.md\n  3:12  warning  Found `\ufffd]0;x\ufffd` here  template-instructions\n\n✖ 1 problem (0 errors, 1 warning, 0 infos)\n");
  });
});

describe("formatJson", () => {
  test("version 1, every file, keys in a fixed order, question only on FAQ findings", () => {
    const json = formatJson([
      report({ path: "src/x.md", kind: "status-quo", title: "😱 T", draft: true, characters: ["Alan"], labels: ["status-quo", "draft"], findings: [hint, missing] }),
      report({ path: "README.md", kind: null, title: null, labels: [] }),
    ]);
    expect(json).toBe(
      '{"version":1,"files":[' +
        '{"path":"src/x.md","kind":"status-quo","title":"😱 T","draft":true,"characters":["Alan"],"labels":["status-quo","draft"],"findings":[' +
        '{"rule":"template-instructions","severity":"warning","message":"Hint left in.","line":3,"column":12},' +
        '{"rule":"faq-missing","severity":"error","message":"Question `Why?` is missing.","line":40,"column":1,"question":"Why?"}]},' +
        '{"path":"README.md","kind":null,"title":null,"draft":false,"characters":[],"labels":[],"findings":[]}]}\n',
    );
  });

  test("no files", () => {
    expect(formatJson([])).toBe('{"version":1,"files":[]}\n');
  });
});
