/**
 * Pull request events that change what a board row shows without changing a story: closed or
 * merged (the row leaves the open view for "recently merged or closed"), a new title, draft
 * state or labels. The record is updated from the payload alone: no GitHub request, no triage.
 */
import type { Context } from "probot";
import { checkedRecord, MAX_LABELS, TITLE_CHARS } from "./record.js";
import type { BoardStore } from "./store.js";

export type PullRequestUpdateContext = Context<
  "pull_request.closed" | "pull_request.edited" | "pull_request.converted_to_draft" | "pull_request.labeled" | "pull_request.unlabeled"
>;

export async function handlePullRequestUpdate(context: PullRequestUpdateContext, store: BoardStore): Promise<void> {
  const { payload } = context;
  const owner = payload.repository.owner.login;
  const repo = payload.repository.name;
  const pull = payload.pull_request;
  try {
    if (payload.action === "closed") {
      await store.closePull(owner, repo, pull.number, pull.merged === true ? "merged" : "closed", pull.closed_at ?? new Date().toISOString());
      return;
    }
    const record = await store.get(owner, repo, pull.number);
    if (record === null || record.state !== "open") return;
    // What the event carries is checked like a triage's answer: a field it lacks keeps the record's.
    const checked = checkedRecord({
      ...record,
      title: typeof pull.title === "string" ? pull.title.slice(0, TITLE_CHARS) : record.title,
      draft: pull.draft === true,
      labels: Array.isArray(pull.labels) ? pull.labels.map((label) => label.name).slice(0, MAX_LABELS) : record.labels,
      updatedAt: typeof pull.updated_at === "string" && Number.isFinite(Date.parse(pull.updated_at)) ? pull.updated_at : record.updatedAt,
    });
    if (checked.record === null) {
      context.log.warn({ deliveryId: context.id, problems: checked.problems }, `story-triage: the board left this pull request event out: ${checked.problems.join("; ")}`);
      return;
    }
    await store.put(checked.record);
  } catch (error) {
    context.log.warn({ err: error, deliveryId: context.id, store: store.kind }, "story-triage: the board could not record this pull request event");
  }
}
