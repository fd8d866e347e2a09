/** Jobs: their keys (what merges, what never does) and reading them back from the queue's store. */
import { describe, expect, test } from "@jest/globals";
import { jobKey, JobError, parseJob, pullName, triageFor } from "../../src/app/queue/job.js";
import { commandJob, triageJob } from "./support/contract.js";

describe("keys", () => {
  test.each([
    ["a triage is keyed by its pull request", triageJob(7, "d1"), "triage:story-org/stories#7"],
    ["owner and repository names are case-insensitive, as on GitHub", { ...triageJob(7, "d1"), owner: "Story-Org", repo: "STORIES" }, "triage:story-org/stories#7"],
    ["a command is keyed by its delivery", commandJob(7, "d9"), "command:d9"],
  ])("%s", (_name, job, key) => {
    expect(jobKey(job)).toBe(key);
  });

  test("a command's triage carries the command's pull request and delivery, and merges like any triage", () => {
    const triage = triageFor(commandJob(7, "d9"));
    expect(triage).toEqual({ kind: "triage", trigger: "command", installationId: 77, owner: "story-org", repo: "stories", number: 7, defaultBranch: "main", deliveryId: "d9" });
    expect(jobKey(triage)).toBe(jobKey(triageJob(7, "other")));
    expect(pullName(triage)).toBe("story-org/stories#7");
  });
});

describe("parseJob", () => {
  test.each([triageJob(7, "d1"), commandJob(7, "d2"), { ...commandJob(7, "d3"), pullRequestAuthor: "" }])("reads back what was queued: %j", (job) => {
    expect(parseJob(JSON.parse(JSON.stringify(job)))).toEqual(job);
  });

  test.each([
    ["not an object", "triage", ["a job must be an object"]],
    ["an unknown kind", { ...triageJob(1, "d"), kind: "lint" }, ['`kind` must be "triage" or "command"']],
    ["an unknown trigger", { ...triageJob(1, "d"), trigger: "push" }, ["`trigger` must be one of pull_request, command, rerun, sweep"]],
    [
      "missing and mistyped fields",
      { kind: "triage", trigger: "rerun", installationId: "77", owner: "", repo: "r", number: 0, defaultBranch: "main" },
      ["`installationId` must be a positive whole number", "`owner` must be a non-empty string", "`number` must be a positive whole number", "`deliveryId` must be a non-empty string"],
    ],
    ["a command without commands", { ...commandJob(1, "d"), commands: [] }, ["`commands` must be a non-empty list of triage, help"]],
    ["a command with an unknown command", { ...commandJob(1, "d"), commands: ["triage", "merge"] }, ["`commands` must be a non-empty list of triage, help"]],
  ])("refuses %s, naming each problem", (_name, data, problems) => {
    let caught: unknown;
    try {
      parseJob(data);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(JobError);
    expect((caught as JobError).problems).toEqual(problems);
    expect((caught as JobError).message).toBe(`not a story-triage job: ${problems.join("; ")}`);
  });
});
