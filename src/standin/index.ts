/** The GitHub stand-in: a local, stateful imitation of the REST API a Probot app uses, for tests and the demo. */
export { Standin, API_PREFIX } from "./server.js";
export type { FaultAction, FaultHook, FaultRequest, PullSnapshot, PullSpec, RecordedRequest, RepoSpec, SentWebhook, StandinOptions, WebhookTarget } from "./server.js";
export { seedFromFolder, readPrFolder, computeFiles, manyFilesPull } from "./seed.js";
export type { ManyFilesPull, ManyFilesSpec, PrFolder, SeedOptions, Seeded } from "./seed.js";
export { deliverWebhook, signWebhook, pullRequestPayload, issueCommentPayload, checkRunPayload, reviewPayload } from "./webhooks.js";
export type { Delivery, DeliveryResult, Hub, WebhookEvent } from "./webhooks.js";
export { makePatch, parsePatch } from "./diff.js";
export type { PullFile, Permission, Repo } from "./state.js";
export { MAX_LABEL_NAME } from "./routes/labels.js";
export { MAX_ANNOTATIONS_PER_REQUEST } from "./routes/checks.js";
export { MAX_LISTED_FILES } from "./routes/repos.js";
export { MAX_BODY } from "./http.js";
export { hostApp, generatePrivateKey } from "./host.js";
export type { HostOptions, HostedApp } from "./host.js";
