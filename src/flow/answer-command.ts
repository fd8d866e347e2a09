/**
 * The answer to `/triage` and `/triage help`, the same for every door: only the pull request's
 * author and people with write, maintain or admin permission are heard (anyone else gets 😕);
 * `help` is answered with the list of commands; `triage` gets 👍 and then the door's `triage`
 * (the app queues it, the action runs it at once).
 */
import { type Command, helpText } from "./commands.js";
import type { GitHub } from "./github.js";

export interface CommandRequest {
  /** The pull request's number. */
  number: number;
  commentId: number;
  /** Who wrote the comment, and who opened the pull request (empty when GitHub shows no user). */
  author: string;
  pullRequestAuthor: string;
  commands: readonly Command[];
}

/** Whether the comment's author was heard. */
export async function answerCommand(gh: GitHub, request: CommandRequest, triage: () => Promise<void>): Promise<boolean> {
  const allowed = request.author === request.pullRequestAuthor || (await gh.canWrite(request.author));
  if (!allowed) {
    await gh.react(request.commentId, "confused");
    return false;
  }
  if (request.commands.includes("help")) await gh.comment(request.number, helpText());
  if (request.commands.includes("triage")) {
    await gh.react(request.commentId, "+1");
    await triage();
  }
  return true;
}
