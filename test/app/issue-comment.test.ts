/** `/triage` and `/triage help` in pull request comments, through probot.receive against nock. */
import { afterEach, beforeEach, describe, expect, test } from "@jest/globals";
import type { Probot } from "probot";
import { helpText } from "../../src/flow/commands.js";
import { GitHubMock, pendingMocks, REPO_PATH, resetNetwork, testProbot } from "./support/github-mock.js";
import { issueCommentEvent } from "./support/payloads.js";
import { afterFirstTriage, expectFirstTriageWrites, expectTriageReads, FIRST_REVIEW, NUMBER, readCalls } from "./support/scenario.js";

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

const COMMENT_ID = 5001;
const PERMISSION_PATH = (login: string) => `${REPO_PATH}/collaborators/${login}/permission`;
const REACTIONS = `${REPO_PATH}/issues/comments/${COMMENT_ID}/reactions`;

/** A /triage run reads what any triage reads (the token is already there for the reaction). */
function triageReadCalls(): string[] {
  return readCalls({ token: false });
}

describe("/triage", () => {
  test("by the pull request's author when nothing changed: a 👍 reaction and no other write", async () => {
    mock.token();
    mock.on("POST", REACTIONS, 201, { id: 1, content: "+1" });
    expectTriageReads(mock, { ...afterFirstTriage(), token: false });
    await probot.receive(issueCommentEvent("created", { body: "/triage", login: "Codertocat", prAuthor: "Codertocat" }));
    expect(mock.calls()).toEqual(["POST /app/installations/1/access_tokens", `POST ${REACTIONS}`, ...triageReadCalls()]);
    expect(mock.bodies("POST", REACTIONS)).toEqual([{ content: "+1" }]);
    expect(mock.writes()).toEqual([`POST ${REACTIONS}`]);
  });

  test("by a maintainer with write permission on a pull request not yet triaged: the full triage", async () => {
    mock.token();
    mock.on("GET", PERMISSION_PATH("maintainer"), 200, { permission: "write", role_name: "maintain", user: { login: "maintainer" } });
    mock.on("POST", REACTIONS, 201, { id: 1, content: "+1" });
    expectFirstTriageWrites(expectTriageReads(mock, { token: false }));
    await probot.receive(issueCommentEvent("created", { body: "Please check again.\n/triage", login: "maintainer" }));
    expect(mock.calls().slice(0, 3)).toEqual([
      "POST /app/installations/1/access_tokens",
      `GET ${PERMISSION_PATH("maintainer")}`,
      `POST ${REACTIONS}`,
    ]);
    expect(mock.bodies("POST", `${REPO_PATH}/pulls/${NUMBER}/reviews`)).toEqual([FIRST_REVIEW]);
  });

  test("by someone with read permission only: a 😕 reaction, nothing else", async () => {
    mock.token();
    mock.on("GET", PERMISSION_PATH("passerby"), 200, { permission: "read", role_name: "read", user: { login: "passerby" } });
    mock.on("POST", REACTIONS, 201, { id: 1, content: "confused" });
    await probot.receive(issueCommentEvent("created", { body: "/triage", login: "passerby" }));
    expect(mock.calls()).toEqual(["POST /app/installations/1/access_tokens", `GET ${PERMISSION_PATH("passerby")}`, `POST ${REACTIONS}`]);
    expect(mock.bodies("POST", REACTIONS)).toEqual([{ content: "confused" }]);
  });

  test("by someone who is not a collaborator (404): a 😕 reaction, nothing else", async () => {
    mock.token();
    mock.on("GET", PERMISSION_PATH("stranger"), 404, { message: "Not Found" });
    mock.on("POST", REACTIONS, 201, { id: 1, content: "confused" });
    await probot.receive(issueCommentEvent("created", { body: "/triage", login: "stranger" }));
    expect(mock.bodies("POST", REACTIONS)).toEqual([{ content: "confused" }]);
  });

  test.each([
    ["in inline code", "Run `/triage` to check again."],
    ["in a code block", "```\n/triage\n```"],
    ["in a quote", "> /triage"],
    ["inside a sentence", "I will /triage this later"],
  ])("%s: no request at all", async (_name, body) => {
    await probot.receive(issueCommentEvent("created", { body, login: "Codertocat" }));
    expect(mock.calls()).toEqual([]);
  });

  test("from a bot: no request at all", async () => {
    await probot.receive(issueCommentEvent("created", { body: "/triage", login: "renovate[bot]", userType: "Bot" }));
    expect(mock.calls()).toEqual([]);
  });

  test("an edit that keeps an old command runs nothing; an edit that adds one runs it", async () => {
    await probot.receive(issueCommentEvent("edited", { body: "/triage\n\nfixed typo", previousBody: "/triage\n\nfixed tpyo", login: "Codertocat" }));
    await probot.receive(issueCommentEvent("edited", { body: "title only changed", login: "Codertocat" }));
    expect(mock.calls()).toEqual([]);

    mock.token();
    mock.on("POST", REACTIONS, 201, { id: 1, content: "+1" });
    expectTriageReads(mock, { ...afterFirstTriage(), token: false });
    await probot.receive(issueCommentEvent("edited", { body: "Ready.\n\n/triage", previousBody: "Ready.", login: "Codertocat" }));
    expect(mock.writes()).toEqual([`POST ${REACTIONS}`]);
  });

  test("a comment on a plain issue is not a pull request command", async () => {
    const event = issueCommentEvent("created", { body: "/triage", login: "Codertocat" });
    const issue = (event.payload as { issue: Record<string, unknown> }).issue;
    delete issue["pull_request"];
    await probot.receive(event);
    expect(mock.calls()).toEqual([]);
  });
});

describe("/triage help", () => {
  test("answers with the commands", async () => {
    mock.token();
    mock.on("POST", `${REPO_PATH}/issues/${NUMBER}/comments`, 201, { id: 9 });
    await probot.receive(issueCommentEvent("created", { body: "/triage help", login: "Codertocat" }));
    expect(mock.calls()).toEqual(["POST /app/installations/1/access_tokens", `POST ${REPO_PATH}/issues/${NUMBER}/comments`]);
    expect(mock.bodies("POST", `${REPO_PATH}/issues/${NUMBER}/comments`)).toEqual([{ body: helpText() }]);
    expect(helpText()).toBe(
      [
        "**story-triage commands** (write each alone on a line of a pull request comment):",
        "",
        "- `/triage`: check this pull request's stories again and bring the labels, review, check run and summary up to date.",
        "- `/triage help`: show this list.",
        "",
        "The pull request's author and people with write, maintain or admin access to the repository may use them.",
      ].join("\n"),
    );
  });
});
