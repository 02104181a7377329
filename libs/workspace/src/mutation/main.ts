// `npm run mutation -- <target>… [--concurrency N] [--incremental]`: runs StrykerJS on each
// target of targets.ts in turn (not part of `npm test`: minutes per target on 2 cores), prints
// the figures of its report and fails when a target is under the break threshold.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { findRepoRoot } from '../repo';
import { MUTATION_USAGE, MutationUsageError, parseMutationArgs } from './args';
import { summarizeMutationReport, type MutationReport } from './report-summary';
import { MUTATION_BREAK_THRESHOLD, mutationBaselinePath, mutationReportPath, strykerOptions } from './stryker-options';
import { MUTATION_TARGETS, type MutationTargetName } from './targets';

function runTarget(root: string, name: MutationTargetName, concurrency: number, incremental: boolean): boolean {
  const options = strykerOptions(name, MUTATION_TARGETS[name], {
    concurrency,
    incremental,
    interactive: process.stdout.isTTY === true,
  });
  const configFile = join(root, 'tmp/mutation', `${name}.stryker.json`);
  mkdirSync(join(root, 'tmp/mutation'), { recursive: true });
  writeFileSync(configFile, `${JSON.stringify(options, null, 2)}\n`);
  console.log(`mutation ${name}: ${MUTATION_TARGETS[name].summary} (config ${configFile})`);
  const reportFile = join(root, mutationReportPath(name));
  if (existsSync(reportFile)) {
    copyFileSync(reportFile, join(root, mutationBaselinePath(name)));
    rmSync(reportFile);
  } else rmSync(join(root, mutationBaselinePath(name)), { force: true });
  const stryker = join(root, 'node_modules/@stryker-mutator/core/bin/stryker.js');
  const run = spawnSync(process.execPath, [stryker, 'run', configFile], { cwd: root, stdio: 'inherit' });
  if (run.status !== 0) console.error(`mutation ${name}: stryker exited with ${run.status ?? run.signal}`);
  if (!existsSync(reportFile)) {
    // Put the committed report back, so a failed run changes nothing.
    if (existsSync(join(root, mutationBaselinePath(name))))
      copyFileSync(join(root, mutationBaselinePath(name)), reportFile);
    console.error(`mutation ${name}: no report written (the dry run failed?); see the output above`);
    return false;
  }
  const report = JSON.parse(readFileSync(reportFile, 'utf8')) as MutationReport;
  const { total } = summarizeMutationReport(report);
  console.log(
    `mutation ${name}: ${total.score} % detected (${total.killedScore} % killed) of ${total.mutants - total.excluded} mutants: ` +
      `${total.killed} killed, ${total.timeout} timeout, ${total.survived} survived, ${total.noCoverage} no coverage, ` +
      `${total.excluded} excluded; report ${mutationReportPath(name)}`,
  );
  return run.status === 0 && total.score >= MUTATION_BREAK_THRESHOLD;
}

function main(argv: readonly string[]): number {
  let command;
  try {
    command = parseMutationArgs(argv);
  } catch (err) {
    if (!(err instanceof MutationUsageError)) throw err;
    console.error(`${MUTATION_USAGE}\n${err.message}`);
    return 2;
  }
  if (command.kind === 'list') {
    for (const [name, target] of Object.entries(MUTATION_TARGETS)) console.log(`${name}: ${target.summary}`);
    return 0;
  }
  const root = findRepoRoot(__dirname);
  const failed = command.targets.filter((name) => !runTarget(root, name, command.concurrency, command.incremental));
  if (failed.length > 0) console.error(`mutation: under ${MUTATION_BREAK_THRESHOLD} % or failed: ${failed.join(', ')}`);
  return failed.length > 0 ? 1 : 0;
}

process.exitCode = main(process.argv.slice(2));
