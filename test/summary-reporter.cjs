// Prints the plain closing line CI reads: "N passed, N failed". Jest prints its own summary
// after the reporters' onRunComplete, so the line is written when the process exits.
class SummaryReporter {
  onRunComplete(_contexts, results) {
    const failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
    const line = `${results.numPassedTests} passed, ${failed} failed\n`;
    process.once("exit", () => process.stderr.write(line));
  }
}
module.exports = SummaryReporter;
