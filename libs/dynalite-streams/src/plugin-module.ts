// Where a child Node process (the dynalite emulator, libs/emulators spawnEmulator) loads the
// plugin from. Bundled (dist/apps/local): esbuild emits it as a file of its own beside the
// bundle. From source (jest, tsx, benches): this TypeScript, through tsx's require hook.
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** File name of the bundled plugin, beside the local stack's bundle (apps/local build). */
export const BUNDLED_PLUGIN_FILE = 'dynalite-streams-plugin.cjs';

/** A module a child process can `require`, with the Node flags it needs for that. */
export interface PluginModule {
  readonly path: string;
  readonly execArgv: readonly string[];
}

/**
 * The plugin module exporting `installDynaliteStreams`, for a child process.
 *
 * @example
 * ```ts
 * const plugin = dynaliteStreamsPluginModule();
 * fork('-e', [script, plugin.path], { execArgv: [...plugin.execArgv] });
 * ```
 */
export function dynaliteStreamsPluginModule(): PluginModule {
  const bundled = join(__dirname, BUNDLED_PLUGIN_FILE);
  if (existsSync(bundled)) return { path: bundled, execArgv: [] };
  return { path: join(__dirname, 'dynalite-plugin.ts'), execArgv: ['--require', require.resolve('tsx/cjs')] };
}
