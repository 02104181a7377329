// Entry of dist/apps/local/dynalite-streams-plugin.cjs: the DynamoDB Streams plugin that the
// dynalite child process loads from the bundle (libs/dynalite-streams plugin-module.ts).
export { installDynaliteStreams } from '@streamlens/dynalite-streams';
