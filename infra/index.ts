// Pulumi entry point (Pulumi.yaml main: infra/): read config once, build the stack, export
// its outputs. Everything else lives in src/ where tests reach it.
import * as path from 'node:path';
import { registerWorkspaceAliases } from './src/module-aliases';

const repoRoot = path.resolve(__dirname, '..');
registerWorkspaceAliases(repoRoot);

// Required after the alias hook is installed: the program imports @streamlens/* libs.
const { runProgram } = require('./src/program') as typeof import('./src/program');

const outputs = runProgram({ repoRoot });

export const streamName = outputs.streamName;
export const streamArn = outputs.streamArn;
export const postsTable = outputs.postsTable;
export const trendsTable = outputs.trendsTable;
export const quarantineTable = outputs.quarantineTable;
export const reportUrl = outputs.reportUrl;
export const ingestUrl = outputs.ingestUrl;
export const dlqUrls = outputs.dlqUrls;
export const failureBuckets = outputs.failureBuckets;
export const dashboardUrl = outputs.dashboardUrl;
export const alarmTopicArn = outputs.alarmTopicArn;
export const alertsTable = outputs.alertsTable;
export const alertsBusName = outputs.alertsBusName;
export const alertsTopicArn = outputs.alertsTopicArn;
