// Local stack, dashboard target of the local bus: alerts as they reach the bus, pushed to open
// dashboards as Server-Sent Events on /api/v1/alerts/live. Locally only — in AWS the panel polls
// /api/v1/alerts (a Function URL cannot hold a browser connection open for pushes).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { BusEvent } from '@streamlens/event-bus';

/** Path of the live feed on the report server. */
export const ALERT_FEED_PATH = '/api/v1/alerts/live';

const KEEP = 200;
const HEARTBEAT_MS = 15_000;

/**
 * The latest alert events and the browsers listening. A new listener first gets the events it
 * missed (after `Last-Event-ID`, else the last 200), then every new one; repeats from the bus's
 * at-least-once delivery are dropped by event `detail.alertId`.
 *
 * @example
 * ```ts
 * const feed = new AlertFeed();
 * new CallbackTarget('dashboard', (e) => feed.push(e));
 * if (feed.handles(req)) return feed.serve(req, res);
 * ```
 */
export class AlertFeed {
  private readonly events: { seq: number; event: BusEvent }[] = [];
  private readonly ids = new Set<string>();
  private readonly clients = new Set<ServerResponse>();
  private seq = 0;
  private readonly heartbeat: NodeJS.Timeout;

  constructor() {
    this.heartbeat = setInterval(() => this.broadcast(': keep-alive\n\n'), HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  /** Adds an event from the bus (once per alert id). */
  push(event: BusEvent): void {
    const id = String(event.detail['alertId'] ?? event.id);
    if (this.ids.has(id)) return;
    this.ids.add(id);
    const entry = { seq: ++this.seq, event };
    this.events.push(entry);
    if (this.events.length > KEEP) this.events.shift();
    this.broadcast(frame(entry));
  }

  /** True for a GET of the feed's path. */
  handles(req: IncomingMessage): boolean {
    return req.method === 'GET' && new URL(req.url ?? '/', 'http://localhost').pathname === ALERT_FEED_PATH;
  }

  /** Answers with an event stream that stays open. */
  serve(req: IncomingMessage, res: ServerResponse): void {
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
    });
    const after = Number(req.headers['last-event-id'] ?? 0) || 0;
    for (const entry of this.events) if (entry.seq > after) res.write(frame(entry));
    this.clients.add(res);
    req.on('close', () => this.clients.delete(res));
  }

  /** Ends every open stream. */
  close(): void {
    clearInterval(this.heartbeat);
    for (const res of this.clients) res.end();
    this.clients.clear();
  }

  private broadcast(text: string): void {
    for (const res of this.clients) res.write(text);
  }
}

function frame(entry: { seq: number; event: BusEvent }): string {
  return `id: ${entry.seq}\nevent: alert\ndata: ${JSON.stringify(entry.event)}\n\n`;
}
