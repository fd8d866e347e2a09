import type { Rule } from "./rule.js";

/** Reported instead of every other rule when a file cannot be read as a story (see input.ts). */
export const fileUnreadable: Rule = {
  id: "file-unreadable",
  description: "The file is too large, binary, not UTF-8, or nested too deeply to check.",
  defaultSeverity: "error",
  faq: false,
  check() {
    return [];
  },
};
