/** "Re-run" on the app's check run (check_run.rerequested), through probot.receive against nock. */
import { afterEach, beforeEach, describe, expect, test } from "@jest/globals";
import type { Probot } from "probot";
import { GitHubMock, pendingMocks, REPO_PATH, resetNetwork, testProbot } from "./support/github-mock.js";
import { pullJson } from "./support/github-objects.js";
import { checkRunRerequestedEvent } from "./support/payloads.js";
import {
  afterFirstTriage,
  BASE,
  CHECK_RUN_ID,
  expectTriageReads,
  FIRST_CHECK_RUN_OUTPUT,
  HEAD,
  LABELS,
  NEW_HEAD,
  NUMBER,
  type Reads,
  readCalls,
  TEMPLATE,
} from "./support/scenario.js";

let probot: Probot;
let mock: GitHubMock;

beforeEach(async () => {
  resetNetwork();
  probot = await testProbot();
  mock = new GitHubMock();
});

afterEach(() => {
  expect(mock.problems).toEqual([]);
  expect(pendingMocks()).toEqual([]);
});

/** Re-run queues a triage like any other event: it reads the pull request as it is now, then the rest at its head. */
function rerunReads(state: Reads, template: string = TEMPLATE): void {
  expectTriageReads(mock, { ...state, template });
}

describe("check_run.rerequested", () => {
  test("nothing changed: the story is read again and nothing is written", async () => {
    const state = afterFirstTriage();
    rerunReads(state);
    await probot.receive(checkRunRerequestedEvent({ id: CHECK_RUN_ID, headSha: HEAD, externalId: String(NUMBER), summary: FIRST_CHECK_RUN_OUTPUT.summary }));
    expect(mock.calls()).toEqual(readCalls());
    expect(mock.writes()).toEqual([]);
  });

  test("the template changed on the base since: a new check run with the new verdict", async () => {
    const state = afterFirstTriage();
    // A template without the NAME question: the story now only misses its sources' answer.
    rerunReads(state, TEMPLATE.replace(/### Why did you choose[\s\S]*$/, ""));
    mock.on("POST", `${REPO_PATH}/check-runs`, 201, { id: 600 });
    mock.on("POST", `${REPO_PATH}/pulls/${NUMBER}/comments/900/replies`, 201, { id: 902 });
    mock.on("PATCH", `${REPO_PATH}/issues/comments/4242`, 200, { id: 4242 });
    mock.on("PATCH", `${REPO_PATH}/check-runs/600`, 200, { id: 600 });
    await probot.receive(checkRunRerequestedEvent({ id: CHECK_RUN_ID, headSha: HEAD, externalId: String(NUMBER), summary: FIRST_CHECK_RUN_OUTPUT.summary }));
    // The missing NAME question is no longer asked: the app's comment on it (900) is answered.
    expect(mock.writes()).toEqual([
      `POST ${REPO_PATH}/check-runs`,
      `POST ${REPO_PATH}/pulls/${NUMBER}/comments/900/replies`,
      `PATCH ${REPO_PATH}/issues/comments/4242`,
      `PATCH ${REPO_PATH}/check-runs/600`,
    ]);
    expect(mock.bodies("PATCH", `${REPO_PATH}/check-runs/600`)).toEqual([
      {
        status: "completed",
        conclusion: "failure",
        output: {
          title: "1 error in 1 story",
          summary: expect.stringContaining("| status-quo | yes | Alan | 1 error |"),
          annotations: [FIRST_CHECK_RUN_OUTPUT.annotations[1]],
        },
      },
    ]);
  });

  test("a re-run of an older commit's check run triages the pull request's current head", async () => {
    // The pull request moved on to NEW_HEAD, which the app has not triaged yet.
    expectTriageReads(mock, { ...afterFirstTriage(NEW_HEAD), pull: pullJson({ number: NUMBER, headSha: NEW_HEAD, baseSha: BASE, labels: LABELS }) });
    mock.on("POST", `${REPO_PATH}/check-runs`, 201, { id: 600 });
    mock.on("PATCH", `${REPO_PATH}/check-runs/600`, 200, { id: 600 });
    await probot.receive(checkRunRerequestedEvent({ id: CHECK_RUN_ID, headSha: HEAD, externalId: String(NUMBER), summary: null }));
    expect(mock.calls()).toEqual([...readCalls({ headSha: NEW_HEAD }), `POST ${REPO_PATH}/check-runs`, `PATCH ${REPO_PATH}/check-runs/600`]);
    expect(mock.bodies("POST", `${REPO_PATH}/check-runs`)).toEqual([
      { name: "story-triage", head_sha: NEW_HEAD, status: "in_progress", external_id: String(NUMBER) },
    ]);
  });

  test.each([
    ["another check run's name", { name: "lint" }],
    ["another app's check run", { appId: 999 }],
  ])("%s: no request at all", async (_name, shape) => {
    await probot.receive(checkRunRerequestedEvent({ id: 1, headSha: HEAD, externalId: String(NUMBER), summary: null, ...shape }));
    expect(mock.calls()).toEqual([]);
  });
});

