// Dashboard client: a panel loads its own data and renders into its own section, so one that
// fails (a source down) shows its message without hiding the rest. To add a panel: a section in
// page.ts, a module exporting a Panel, and an entry in PANELS (main.ts).
import type { ClientConfig } from './api';

/** What a panel gets on each refresh. */
export interface PanelContext {
  readonly config: ClientConfig;
  /** The selected range preset ("5m", "1h", "24h"). */
  readonly range: string;
}

/** A section of the page with data of its own. */
export interface Panel {
  /** Id of its <section> in the page. */
  readonly id: string;
  /** Loads and renders; a rejection is shown in the panel (see renderPanelError). */
  refresh(ctx: PanelContext): Promise<void>;
}
