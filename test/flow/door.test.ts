import { expect, test } from "@jest/globals";
import { appDoor, GITHUB_ACTIONS_APP_ID, GITHUB_ACTIONS_LOGIN, workflowDoor } from "../../src/flow/door.js";
import { findingMarker, fixedMarker, outputMarker } from "../../src/flow/markers.js";

const run = { id: 1, headSha: "a".repeat(40), conclusion: null };

test("a workflow's token is github-actions[bot] of app 15368, learned without a request", async () => {
  const door = workflowDoor({ mayWrite: true });
  expect(await door.appId()).toBe(GITHUB_ACTIONS_APP_ID);
  expect(await door.botLogin()).toBe(GITHUB_ACTIONS_LOGIN);
  expect(workflowDoor({ mayWrite: false }).mayWrite).toBe(false);
});

test("with the shared bot, a check run is the flow's only by its output marker, or in progress with the pull request's number", () => {
  const door = workflowDoor({ mayWrite: true });
  expect(door.ownsCheckRun({ ...run, status: "completed", outputHash: "0123456789abcdef", externalId: "12" })).toBe(true);
  expect(door.ownsCheckRun({ ...run, status: "in_progress", outputHash: null, externalId: "12" })).toBe(true);
  // Another workflow's job or check run of the same name and app: no marker, no number.
  expect(door.ownsCheckRun({ ...run, status: "completed", outputHash: null, externalId: "12" })).toBe(false);
  expect(door.ownsCheckRun({ ...run, status: "in_progress", outputHash: null, externalId: "job-3f2a" })).toBe(false);
  expect(door.ownsCheckRun({ ...run, status: "in_progress", outputHash: null })).toBe(false);
});

test("with the shared bot, a review is the flow's only when it or one of its comments carries a finding's or fix's marker", () => {
  const door = workflowDoor({ mayWrite: true });
  const fp = "0123456789abcdef";
  expect(door.ownsReview("story-triage found a new problem.", [`faq-missing\n\n${findingMarker(fp)}`])).toBe(true);
  expect(door.ownsReview(`- \`a.md\` faq-missing ${findingMarker(fp)}`, [])).toBe(true);
  expect(door.ownsReview("", [`Fixed.\n\n${fixedMarker(fp)}`])).toBe(true);
  expect(door.ownsReview("The spell checker found 2 typos.", ["typo"])).toBe(false);
  // A marker quoted inside a code fence is a story's text, not the flow's.
  expect(door.ownsReview(`\`\`\`\n${findingMarker(fp)}\n\`\`\``, [])).toBe(false);
  expect(door.ownsReview(outputMarker(fp), [])).toBe(false);
});

test("an app's door owns what its bot did, and asks for its id and login once", async () => {
  let asked = 0;
  const door = appDoor({ appId: async () => (asked += 1), botLogin: async () => "story-triage[bot]" });
  expect([await door.appId(), await door.appId()]).toEqual([1, 1]);
  expect(await door.botLogin()).toBe("story-triage[bot]");
  expect(door.ownsCheckRun({ ...run, status: "completed", outputHash: null })).toBe(true);
  expect(door.ownsReview("anything", [])).toBe(true);
  expect(door.mayWrite).toBe(true);
});
