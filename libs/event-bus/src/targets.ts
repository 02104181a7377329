// Local bus targets: a log file under the data dir, a webhook on loopback, and a callback (the
// dashboard's live feed). Each receives the EventBridge envelope; repeats are possible.
import { appendFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { BusConfigError, DeliveryError } from './errors';
import type { BusEvent, BusTarget } from './types';

/**
 * Appends each event as one JSON line to a file.
 *
 * @example
 * ```ts
 * new LogFileTarget('alerts-log', join(dataDir, 'alerts', 'alerts.log'));
 * ```
 */
export class LogFileTarget implements BusTarget {
  constructor(
    readonly name: string,
    readonly file: string,
  ) {}

  async deliver(event: BusEvent): Promise<void> {
    await mkdir(dirname(this.file), { recursive: true });
    await appendFile(this.file, `${JSON.stringify(event)}\n`);
  }
}

/**
 * POSTs each event as JSON to a URL on loopback (the local stand-in for an API destination;
 * nothing leaves the machine). A non-2xx answer or a timeout is a failed delivery, retried.
 *
 * @throws BusConfigError for a URL that is not http(s) on 127.0.0.0/8, localhost or [::1].
 */
export class WebhookTarget implements BusTarget {
  private readonly url: URL;

  constructor(
    readonly name: string,
    url: string,
    private readonly options: { readonly timeoutMs?: number; readonly headers?: Record<string, string> } = {},
  ) {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new BusConfigError(`webhook ${name}`, `"${url}" is not a URL`);
    }
    const loopback = /^(127\.\d+\.\d+\.\d+|localhost|\[::1\])$/.test(parsed.hostname);
    if (!/^https?:$/.test(parsed.protocol) || !loopback) {
      throw new BusConfigError(`webhook ${name}`, `"${url}" must be an http(s) URL on loopback (127.0.0.1, localhost)`);
    }
    this.url = parsed;
  }

  async deliver(event: BusEvent): Promise<void> {
    let response: Response;
    try {
      response = await fetch(this.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...this.options.headers },
        body: JSON.stringify(event),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 5000),
      });
    } catch (cause) {
      throw new DeliveryError(this.name, (cause as Error).message, { cause });
    }
    await response.arrayBuffer().catch(() => undefined);
    if (response.status < 200 || response.status > 299) throw new DeliveryError(this.name, `HTTP ${response.status}`);
  }
}

/**
 * Hands each event to a function (e.g. the dashboard's live feed); a throw is a failed delivery.
 */
export class CallbackTarget implements BusTarget {
  constructor(
    readonly name: string,
    private readonly callback: (event: BusEvent) => void | Promise<void>,
  ) {}

  async deliver(event: BusEvent): Promise<void> {
    await this.callback(event);
  }
}
