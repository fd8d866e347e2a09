/**
 * The pull request most app tests start from: #2 of Codertocat/Hello-World adding one status quo
 * story told through Alan, a draft whose FAQ leaves one template question out and one answer as
 * TODO. The reads of one triage are declared in the order the app makes them.
 */
import { BOT_LOGIN, GitHubMock, REPO_PATH } from "./github-mock.js";
import { addedFile, checkRunsJson, treeJson, commentItem, labelItem, labelJson, pullJson, reviewCommentsItem, reviewItem } from "./github-objects.js";

export const NUMBER = 2;
export const HEAD = "1111111111111111111111111111111111111111";
export const NEW_HEAD = "2222222222222222222222222222222222222222";
export const BASE = "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";
export const STORY_PATH = "stories/status_quo/alan_hits_a_deadlock.md";
export const TEMPLATE_PATH = "stories/status_quo/template.md";
export const CHECK_RUN_ID = 555;

export const CONFIG_YAML = [
  "stories:",
  "  status-quo:",
  '    paths: ["stories/status_quo/*.md"]',
  "characters: [Alan, Grace, Niklaus, Barbara]",
  "",
].join("\n");

export const TEMPLATE = [
  "# 😱 Status quo stories: Template",
  "",
  "## The story",
  "",
  "*Write the story here.*",
  "",
  "## 🤔 Frequently Asked Questions",
  "",
  "### What are the morals of the story?",
  "",
  "*Talk about the major takeaways.*",
  "",
  "### What are the sources for this story?",
  "",
  "*Link to sources.*",
  "",
  "### Why did you choose *NAME* to tell this story?",
  "",
  "*Say why this character fits.*",
  "",
].join("\n");

export const STORY = [
  "# 😱 Status quo stories: Alan hits a deadlock", // 1
  "",
  "## 🚧 Warning: Draft status 🚧", // 3
  "",
  "This story is a draft.", // 5
  "",
  "## The story", // 7
  "",
  "Alan writes async code and hits a deadlock.", // 9
  "",
  "## 🤔 Frequently Asked Questions", // 11
  "",
  "### What are the morals of the story?", // 13
  "",
  "Deadlocks hurt.", // 15
  "",
  "### What are the sources for this story?", // 17
  "",
  "TODO", // 19
  "",
].join("\n");

export const LABELS = ["status-quo", "draft", "character:Alan", "needs-faq"];

export interface Reads {
  /** False when the installation token is still cached from an earlier event of the same process. */
  token?: boolean;
  headSha?: string;
  config?: string | null;
  files?: unknown[];
  /** The template at the base; null: none there (404); false: not read at all (no story to judge). */
  template?: string | null | false;
  timeline?: unknown[];
  checkRuns?: unknown;
  pull?: Record<string, unknown>;
  /** Stories read through the contents API (not rebuilt from a patch): [path, text, repo path]. */
  contents?: Array<[string, string, string?]>;
  /** Every path at the head (the git trees read); null: not read (a tree the app still holds from an earlier triage). */
  tree?: string[] | null;
  /** Where the head's tree is read: a fork's repository path for a pull request from a fork. */
  treeRepoPath?: string;
}

/** The paths at the head of the scenario's pull request. */
export const TREE = [".github/story-triage.yml", TEMPLATE_PATH, STORY_PATH];

/**
 * Declares the token and every read of one triage, in order: a queued job reads the pull request
 * as it is now, first, then the rest at its head.
 */
export function expectTriageReads(mock: GitHubMock, reads: Reads = {}): GitHubMock {
  if (reads.token !== false) mock.token();
  mock.file(".github/story-triage.yml", reads.config === undefined ? CONFIG_YAML : reads.config);
  mock.on("GET", `${REPO_PATH}/pulls/${NUMBER}/files`, 200, reads.files ?? [addedFile(STORY_PATH, STORY)]);
  const headSha = reads.headSha ?? HEAD;
  if (reads.tree !== null) mock.on("GET", `${reads.treeRepoPath ?? REPO_PATH}/git/trees/${headSha}`, 200, treeJson(headSha, reads.tree ?? TREE));
  for (const [path, text, repoPath] of reads.contents ?? []) mock.file(path, text, repoPath);
  if (reads.template !== false) mock.file(TEMPLATE_PATH, reads.template === undefined ? TEMPLATE : reads.template);
  mock.on("GET", `${REPO_PATH}/issues/${NUMBER}/timeline`, 200, reads.timeline ?? []);
  mock.on("GET", `${REPO_PATH}/commits/${headSha}/check-runs`, 200, reads.checkRuns ?? checkRunsJson([]));
  mock.on("GET", `${REPO_PATH}/pulls/${NUMBER}`, 200, reads.pull ?? pullJson({ number: NUMBER, headSha, baseSha: BASE }));
  return mock;
}

/** The calls expectTriageReads declares, in order; `contents` are the stories read through the contents API. */
export function readCalls(options: { headSha?: string; contents?: string[]; token?: boolean; tree?: boolean; treeRepoPath?: string } = {}): string[] {
  const headSha = options.headSha ?? HEAD;
  return [
    ...(options.token === false ? [] : ["POST /app/installations/1/access_tokens"]),
    `GET ${REPO_PATH}/pulls/${NUMBER}`,
    `GET ${REPO_PATH}/contents/.github/story-triage.yml?ref=master`,
    `GET ${REPO_PATH}/pulls/${NUMBER}/files?per_page=100`,
    ...(options.tree === false ? [] : [`GET ${options.treeRepoPath ?? REPO_PATH}/git/trees/${headSha}?recursive=1`]),
    ...(options.contents ?? []),
    `GET ${REPO_PATH}/contents/${TEMPLATE_PATH}?ref=${BASE}`,
    `GET ${REPO_PATH}/issues/${NUMBER}/timeline?per_page=100`,
    `GET ${REPO_PATH}/commits/${headSha}/check-runs?check_name=story-triage&app_id=123&filter=latest&per_page=1`,
  ];
}

export const READ_CALLS = readCalls();

// What the first triage of STORY writes (the engine's messages, the app's words) ---------------

export const MISSING_MESSAGE =
  "Question `Why did you choose *NAME* to tell this story?` is missing from the `🤔 Frequently Asked Questions` section; expected it with an answer.";
export const SOURCES_PLACEHOLDER_MESSAGE =
  "Question `What are the sources for this story?` is answered only with the template's hint or a placeholder; expected a real answer.";
export const MISSING_MARKER = "<!-- story-triage:finding 098a0b99cf66cf39 -->";
export const SOURCES_PLACEHOLDER_MARKER = "<!-- story-triage:finding 61d7340ea6ba0e68 -->";

export const FIRST_REVIEW = {
  commit_id: HEAD,
  event: "COMMENT",
  body: "story-triage found 2 new problems in this pull request's stories.\n\nThe summary comment lists every finding.",
  comments: [
    {
      path: STORY_PATH,
      line: 11,
      side: "RIGHT",
      body: [
        `**\`faq-missing\`** (error): ${MISSING_MESSAGE}`,
        "",
        "```suggestion",
        "## 🤔 Frequently Asked Questions",
        "",
        "### Why did you choose Alan to tell this story?",
        "",
        "*Say why this character fits.*",
        "```",
        "",
        MISSING_MARKER,
      ].join("\n"),
    },
    {
      path: STORY_PATH,
      line: 17,
      side: "RIGHT",
      body: `**\`faq-placeholder\`** (error): ${SOURCES_PLACEHOLDER_MESSAGE}\n\n${SOURCES_PLACEHOLDER_MARKER}`,
    },
  ],
};

export const STORY_TABLE = [
  "| Story | Kind | Draft | Characters | Findings |",
  "| --- | --- | --- | --- | --- |",
  `| \`${STORY_PATH}\` | status-quo | yes | Alan | 2 errors |`,
].join("\n");

export const RERUN_LINE =
  "To check again, comment `/triage` on this pull request or press **Re-run** on the `story-triage` check. `/triage help` lists the commands.";

export const FIRST_SUMMARY = [
  "<!-- story-triage:summary -->",
  "### story-triage",
  "",
  STORY_TABLE,
  "",
  `#### \`${STORY_PATH}\``,
  "",
  `Judged by the template \`${TEMPLATE_PATH}\`.`,
  "",
  `- ❌ line 11 \`faq-missing\`: ${MISSING_MESSAGE}`,
  `- ❌ line 17 \`faq-placeholder\`: ${SOURCES_PLACEHOLDER_MESSAGE}`,
  "",
  "**Labels applied:** `status-quo`, `draft`, `character:Alan`, `needs-faq`",
  "",
  RERUN_LINE,
].join("\n");

export const FIRST_CHECK_RUN_OUTPUT = {
  title: "2 errors in 1 story",
  summary: `${STORY_TABLE}\n\n<!-- story-triage:output 89ace628cd2d0a0a -->`,
  annotations: [
    { path: STORY_PATH, start_line: 11, end_line: 11, annotation_level: "failure", title: "faq-missing", message: MISSING_MESSAGE },
    { path: STORY_PATH, start_line: 17, end_line: 17, annotation_level: "failure", title: "faq-placeholder", message: SOURCES_PLACEHOLDER_MESSAGE },
  ],
};

/** The writes of a first triage, declared with GitHub's replies. */
export function expectFirstTriageWrites(mock: GitHubMock): GitHubMock {
  mock.on("POST", `${REPO_PATH}/check-runs`, 201, { id: CHECK_RUN_ID });
  mock.on("POST", `${REPO_PATH}/issues/${NUMBER}/labels`, 200, LABELS.map((name) => labelJson(name)));
  mock.on("POST", `${REPO_PATH}/pulls/${NUMBER}/reviews`, 200, { id: 1 });
  mock.on("POST", `${REPO_PATH}/issues/${NUMBER}/comments`, 201, { id: SUMMARY_ID });
  mock.on("PATCH", `${REPO_PATH}/check-runs/${CHECK_RUN_ID}`, 200, { id: CHECK_RUN_ID });
  return mock;
}

export const SUMMARY_ID = 4242;

/** What GitHub holds after the first triage, as the reads of the next event see it. */
export function afterFirstTriage(headSha: string = HEAD): Reads {
  return {
    headSha,
    timeline: [
      ...LABELS.map((name) => labelItem("labeled", name, "app")),
      reviewItem(FIRST_REVIEW.body, BOT_LOGIN),
      reviewCommentsItem(FIRST_REVIEW.comments.map((comment) => ({ body: comment.body, by: BOT_LOGIN, path: comment.path, line: comment.line }))),
      commentItem(SUMMARY_ID, FIRST_SUMMARY, "app"),
    ],
    checkRuns:
      headSha === HEAD
        ? checkRunsJson([{ id: CHECK_RUN_ID, headSha: HEAD, status: "completed", conclusion: "failure", summary: FIRST_CHECK_RUN_OUTPUT.summary }])
        : checkRunsJson([]),
    pull: pullJson({ number: NUMBER, headSha, baseSha: BASE, labels: LABELS }),
  };
}
