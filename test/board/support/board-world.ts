/**
 * A seeded world for the board's tests: the stand-in with the demo story pull request in a
 * public repository, the same story in a private one, and a pull request whose title is markup;
 * helpers to triage them through signed webhooks and to read the board over HTTP.
 */
import { join } from "node:path";
import { seedFromFolder, type Seeded } from "../../../src/standin/seed.js";
import type { Standin } from "../../../src/standin/server.js";
import { REPO_ROOT } from "../../support/app-process.js";

export const DEMO = join(REPO_ROOT, "fixtures/demo");
export const XSS_TITLE = "<img src=x onerror=alert(1)>";
export const STORY_PATH = "stories/status_quo/grace_chases_a_stuck_future.md";
export const STORY_TITLE = "😱 Status quo stories: Grace chases a stuck future";
export const MISSING_QUESTION = "Why did you choose *NAME* to tell this story?";

export interface BoardWorld {
  /** story-org/stories #12: the demo story (2 of 4 questions answered). */
  demo: Seeded;
  /** story-org/markup #7: the demo story under a title that is markup, a draft on GitHub. */
  markup: Seeded;
  /** secret-org/hidden #12: the demo story in a private repository (its own installation). */
  hidden: Seeded;
}

export async function seedBoardWorld(standin: Standin): Promise<BoardWorld> {
  const demo = await seedFromFolder(standin, DEMO, { owner: "story-org", repo: "stories" });
  const markup = await seedFromFolder(standin, DEMO, { owner: "story-org", repo: "markup", draft: true });
  markup.pull.title = XSS_TITLE;
  standin.addRepo({ owner: "secret-org", name: "hidden", installationId: 91, private: true });
  const hidden = await seedFromFolder(standin, DEMO, { owner: "secret-org", repo: "hidden" });
  return { demo, markup, hidden };
}
