/** The dry run: the plan computed from GitHub's state, with reads only. */
import { afterEach, beforeEach, expect, test } from "@jest/globals";
import { pino } from "pino";
import { ProbotOctokit } from "probot";
import { GitHub } from "../../src/flow/github.js";
import { planPullRequest } from "../../src/flow/triage.js";
import { APP_ID, GitHubMock, OWNER, pendingMocks, REPO, resetNetwork } from "./support/github-mock.js";
import { expectTriageReads, FIRST_CHECK_RUN_OUTPUT, FIRST_REVIEW, FIRST_SUMMARY, HEAD, LABELS, NUMBER, readCalls } from "./support/scenario.js";

let mock: GitHubMock;

beforeEach(() => {
  resetNetwork();
  mock = new GitHubMock();
});

afterEach(() => {
  expect(mock.problems).toEqual([]);
  expect(pendingMocks()).toEqual([]);
});

test("planPullRequest reads the pull request and returns the plan without writing", async () => {
  expectTriageReads(mock, { token: false });
  const octokit = new ProbotOctokit({ auth: { token: "ghp_test" }, retry: { enabled: false }, throttle: { enabled: false } });
  const gh = new GitHub(octokit, { owner: OWNER, repo: REPO }, pino({ level: "silent" }), { appId: APP_ID });
  const outcome = await planPullRequest(gh, { number: NUMBER, defaultBranch: "master", pullRequest: null, checkRun: null });

  const reads = readCalls({ token: false });
  expect(mock.calls()).toEqual(reads);
  expect(outcome.kind).toBe("plan");
  if (outcome.kind !== "plan") return;
  const { plan } = outcome;
  expect(plan.headSha).toBe(HEAD);
  expect(plan.labels.add).toEqual(LABELS);
  expect(plan.review).toEqual({ event: FIRST_REVIEW.event, body: FIRST_REVIEW.body, comments: FIRST_REVIEW.comments.map(({ side: _side, ...comment }) => comment) });
  expect(plan.summary).toMatchObject({ write: "create", commentId: null, body: FIRST_SUMMARY });
  expect(plan.checkRun).toEqual({ write: "create", externalId: String(NUMBER), conclusion: "failure", ...FIRST_CHECK_RUN_OUTPUT });
  // The plan is plain data: it survives JSON.
  expect(JSON.parse(JSON.stringify(plan))).toEqual(plan);
});
