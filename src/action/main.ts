/**
 * The action's entry (action.yml's `main`, bundled into dist/action.cjs): runs the step for the
 * runner's event and exits with its code. An exception that escapes is a bug: it is printed as an
 * error of the run and fails the step.
 */
import { runAction } from "./run.js";
import { Runner } from "./runner.js";

const runner = new Runner(process.env, (line) => process.stdout.write(`${line}\n`));
runAction(runner).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    runner.command("error", {}, `story-triage: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exitCode = 1;
  },
);
