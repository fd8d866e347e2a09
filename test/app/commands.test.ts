import { describe, expect, test } from "@jest/globals";
import { newCommands, parseCommands } from "../../src/flow/commands.js";

describe("parseCommands", () => {
  const cases: Array<[string, string, string[]]> = [
    ["alone", "/triage", ["triage"]],
    ["alone with surrounding spaces", "  /triage  ", ["triage"]],
    ["help", "/triage help", ["help"]],
    ["on its own line inside a paragraph", "Thanks!\n/triage\nCheers", ["triage"]],
    ["with a Windows line ending", "Thanks!\r\n/triage\r\n", ["triage"]],
    ["twice, with help", "/triage\n\n/triage help", ["triage", "help"]],
    ["inline code", "`/triage`", []],
    ["inline code on its own line", "try\n`/triage`\nlater", []],
    ["fenced code", "```\n/triage\n```", []],
    ["indented code", "    /triage", []],
    ["block quote", "> /triage", []],
    ["nested block quote", "> > /triage", []],
    ["list item", "- /triage", []],
    ["emphasis", "*/triage*", []],
    ["html comment", "<!-- /triage -->", []],
    ["inside a sentence", "please /triage this", []],
    ["another word after it", "/triage now", []],
    ["a longer word", "/triaged", []],
    ["heading", "# /triage", []],
  ];
  test.each(cases)("%s", (_name, body, expected) => {
    expect(parseCommands(body)).toEqual(expected);
  });
});

describe("newCommands (edited comments)", () => {
  test("runs a command the edit added", () => {
    expect(newCommands("Looks good\n\n/triage", "Looks good")).toEqual(["triage"]);
  });
  test("does not run a command that was already there", () => {
    expect(newCommands("/triage\n\nfixed a typo", "/triage\n\nfixed a tpyo")).toEqual([]);
  });
  test("runs only the added one when another was there", () => {
    expect(newCommands("/triage\n\n/triage help", "/triage")).toEqual(["help"]);
  });
  test("a command moved out of a code block is new", () => {
    expect(newCommands("/triage", "`/triage`")).toEqual(["triage"]);
  });
});
