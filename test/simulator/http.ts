// Talking to the simulator as a client would: over HTTP, with the token, following `next`.
import type { Simulator } from '../../src/simulator/start-simulator.ts';

// Wire payloads are read loosely here: the point is what the simulator sends.
export type Json = any;

export interface Reply {
  status: number;
  headers: Headers;
  body: Json;
}

async function toReply(response: Response): Promise<Reply> {
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : null };
}

export async function get(url: string, token = 'demo-token'): Promise<Reply> {
  return toReply(await fetch(url, { headers: { Authorization: `Token ${token}` } }));
}

/** POSTs a JSON body (or a raw string, to send something malformed). */
export async function post(url: string, body: unknown, token = 'demo-token'): Promise<Reply> {
  const payload = typeof body === 'string' ? body : JSON.stringify(body);
  return toReply(
    await fetch(url, {
      method: 'POST',
      headers: { Authorization: `Token ${token}`, 'content-type': 'application/json' },
      body: payload,
    }),
  );
}

export async function remove(url: string): Promise<Reply> {
  return toReply(await fetch(url, { method: 'DELETE', headers: { Authorization: 'Token demo-token' } }));
}

/** Every item of a list, following `next` verbatim; fails on any non-200 page. */
export async function all(url: string): Promise<{ items: Json[]; pages: number }> {
  const items: Json[] = [];
  let next: string | null = url;
  let pages = 0;
  while (next) {
    const reply = await get(next);
    if (reply.status !== 200) throw new Error(`${next} answered ${reply.status}: ${JSON.stringify(reply.body)}`);
    items.push(...reply.body.results);
    next = reply.body.next;
    pages++;
  }
  return { items, pages };
}

export const api = (sim: Simulator, endpoint: string, query = '') =>
  `${sim.url}/api/v2/${endpoint}.json${query ? `?${query}` : ''}`;
