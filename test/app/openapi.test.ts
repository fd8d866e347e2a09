import { describe, expect, test } from "@jest/globals";
import { findOperation, validateRequest } from "./support/openapi.js";

describe("request bodies checked against GitHub's OpenAPI description", () => {
  test("finds operations by method and concrete path", () => {
    expect(findOperation("PATCH", "/repos/o/r/check-runs/5")?.template).toBe("/repos/{owner}/{repo}/check-runs/{check_run_id}");
    expect(findOperation("PATCH", "/repos/o/r/issues/comments/9")?.template).toBe("/repos/{owner}/{repo}/issues/comments/{comment_id}");
    expect(findOperation("GET", "/repos/o/r/contents/.github/story-triage.yml?ref=main")?.template).toBe("/repos/{owner}/{repo}/contents/{path}");
  });

  test("accepts valid bodies", () => {
    expect(validateRequest("POST", "/repos/o/r/check-runs", { name: "story-triage", head_sha: "abc", status: "in_progress", external_id: "7" })).toEqual([]);
    expect(validateRequest("POST", "/repos/o/r/issues/7/labels", { labels: ["draft"] })).toEqual([]);
    expect(validateRequest("POST", "/repos/o/r/pulls/7/reviews", { commit_id: "abc", event: "COMMENT", body: "b", comments: [{ path: "a.md", line: 3, side: "RIGHT", body: "c" }] })).toEqual([]);
    expect(validateRequest("GET", "/repos/o/r/pulls/7", undefined)).toEqual([]);
  });

  test("reports what GitHub would refuse or ignore", () => {
    const annotation = { path: "a.md", start_line: 1, end_line: 1, annotation_level: "failure", message: "m" };
    expect(
      validateRequest("PATCH", "/repos/o/r/check-runs/5", {
        conclusion: "passed",
        output: { title: "t", summary: "s", annotations: Array.from({ length: 51 }, () => annotation) },
      }),
    ).toEqual([
      'PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}: body.conclusion: "passed" is not one of ["action_required","cancelled","failure","neutral","success","skipped","stale","timed_out"]',
      "PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}: body.output.annotations: more than 50 items (51)",
    ]);
    expect(validateRequest("POST", "/repos/o/r/check-runs", { name: "x", head_sha: 5, colour: "red" })).toEqual([
      "POST /repos/{owner}/{repo}/check-runs: body.head_sha: expected string, got number",
      "POST /repos/{owner}/{repo}/check-runs: body.colour: not a property GitHub takes here",
    ]);
    expect(validateRequest("POST", "/repos/o/r/issues/comments/1/reactions", {})).toEqual([
      "POST /repos/{owner}/{repo}/issues/comments/{comment_id}/reactions: body.content: required, missing",
    ]);
    expect(validateRequest("POST", "/repos/o/r/nonsense", {})).toEqual(["POST /repos/o/r/nonsense: no such operation in GitHub's description"]);
  });
});
