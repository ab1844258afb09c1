// A scripted OpenAI-compatible chat-completions server on 127.0.0.1 (port 0) for the LLM tests: each test sets a
// handler that sees the parsed request and chooses the answer, including broken ones (cut bodies, hangs, 429s).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SeenRequest { path: string; headers: IncomingMessage['headers']; body: ChatRequest }

export interface ChatRequest {
  model: string;
  messages: Array<{ role: string; content: string }>;
  response_format?: { type: string };
  max_tokens?: number;
  temperature?: number;
}

export type Handler = (request: ChatRequest, res: ServerResponse, seen: SeenRequest[]) => void;

export interface TestServer {
  url: string;
  seen: SeenRequest[];
  handle(handler: Handler): void;
  close(): Promise<void>;
}

export async function startServer(): Promise<TestServer> {
  let handler: Handler = (_r, res) => sendJson(res, 500, { error: { message: 'no handler' } });
  const seen: SeenRequest[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as ChatRequest;
      seen.push({ path: req.url ?? '', headers: req.headers, body });
      handler(body, res, seen);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    seen,
    handle(h) { handler = h; },
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

/** A normal completion whose message content is `content` (a string, or an object sent as JSON text). */
export function sendCompletion(res: ServerResponse, content: unknown, usage = { prompt_tokens: 100, completion_tokens: 20, total_tokens: 120 }): void {
  sendJson(res, 200, {
    id: 'chatcmpl-test', object: 'chat.completion', model: 'test-model',
    choices: [{ index: 0, message: { role: 'assistant', content: typeof content === 'string' ? content : JSON.stringify(content) }, finish_reason: 'stop' }],
    usage,
  });
}

/** Declares a longer body than it sends, then drops the connection. */
export function sendTruncated(res: ServerResponse): void {
  const text = JSON.stringify({ choices: [{ message: { content: '{"defects": [' } }] });
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) + 500 });
  res.write(text.slice(0, 30), () => res.socket?.destroy());
}

/** An event stream that stops before the final chunk and `[DONE]`. */
export function sendTruncatedStream(res: ServerResponse): void {
  res.writeHead(200, { 'content-type': 'text/event-stream' });
  res.end(`data: ${JSON.stringify({ choices: [{ delta: { content: '{"defects": [' } }] })}\n\n`);
}

/** The file name and the user message of a request. */
export function fileOf(request: ChatRequest): string {
  const user = request.messages.find((m) => m.role === 'user')?.content ?? '';
  return /^File: (.*)$/m.exec(user)?.[1] ?? '';
}

export function userText(request: ChatRequest): string {
  return request.messages.find((m) => m.role === 'user')?.content ?? '';
}
