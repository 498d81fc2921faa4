// One line from a vitest JSON report: "N passed, N failed, N skipped (N files)".
import { readFileSync } from 'node:fs';

const report = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const files = report.testResults.length;
const failingFiles = report.testResults.filter((file) => file.status !== 'passed').length;
const skipped = report.numPendingTests + report.numTodoTests;
const failingNote = failingFiles > 0 ? `, ${failingFiles} failing` : '';
console.log(`${report.numPassedTests} passed, ${report.numFailedTests} failed, ${skipped} skipped (${files} files${failingNote})`);
