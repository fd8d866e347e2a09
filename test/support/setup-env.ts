/**
 * Jest's setup for every test file: the story board's reconcile sweep is off unless a test turns
 * it on (the sweep tests do), so that the requests and triages other tests count are only the
 * ones their webhooks cause. Apps started as processes get the same through app-process.ts.
 */
process.env["STORY_TRIAGE_SWEEP_SECONDS"] ??= "0";
