// The web host's API, derived from the contract: POST /api/<method> with a JSON array of
// arguments, answered with a reply (core/contract/rpc-reply.ts, the same as over IPC); uploads and
// downloads. GET /api/events, the stream of every workbench event, is event-feed.ts's.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { attachmentHeader, type ExportStaging } from '../bundle/export-staging.ts';
import { replyOf, type RpcReply } from '../../core/contract/rpc-reply.ts';
import type { Result } from '../../core/result.ts';
import type { WorkbenchService } from '../../core/contract/workbench-api.ts';
import type { UploadStaging } from '../import/upload-staging.ts';
import { dispatch } from '../rpc/dispatch.ts';

/** JSON calls (pasted text included); files come through the upload route, with their own cap. */
export const MAX_BODY_BYTES = 8 * 1024 * 1024;

export function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
  });
  response.end(text);
}

function sendReply(response: ServerResponse, status: number, reply: RpcReply): void {
  sendJson(response, status, reply);
}

function sendError(response: ServerResponse, status: number, code: string, message: string): void {
  sendReply(response, status, { error: { code, message } });
}

/**
 * Object keys no call has any use for, refused wherever they appear in a body: were one to reach a
 * merge or a lookup that walks prototypes, it could change how every object behaves.
 */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Makes one call: `dispatch` on the local host; on a team server, as the signed-in member. */
export type Caller = (method: string, args: unknown) => Promise<Result<unknown, string>>;

/** The local host's caller: every call goes straight to `dispatch`. */
export function dispatchTo(service: WorkbenchService): Caller {
  return (method, args) => dispatch(service, method, args);
}

/** HTTP statuses of the failures a call can have before the service answers. */
const CALL_FAILURE_STATUS: Readonly<Record<string, number>> = { 'unknown-method': 404, forbidden: 403 };

/** Handles POST /api/<method>. */
export async function handleCall(call: Caller, method: string, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const contentType = request.headers['content-type']?.split(';')[0]?.trim().toLowerCase();
  if (contentType !== 'application/json') {
    // A form or text/plain post is what a foreign page can send without asking first.
    sendError(response, 415, 'unsupported-media-type', 'Send arguments as application/json');
    return;
  }
  const body = await readBody(request, MAX_BODY_BYTES);
  if (!body.ok) {
    // Answered at once, without waiting for the rest; the connection is not reused after it.
    response.setHeader('connection', 'close');
    sendError(response, 413, 'body-too-large', `Request bodies are limited to ${MAX_BODY_BYTES} bytes`);
    return;
  }
  const parsed = parseArguments(body.text);
  if (!parsed.ok) {
    sendError(response, 400, parsed.code, parsed.message);
    return;
  }
  const result = await call(method, parsed.args);
  if (result.ok) sendReply(response, 200, replyOf(result));
  else sendError(response, CALL_FAILURE_STATUS[result.error.code] ?? 400, result.error.code, result.error.message);
}

/** JSON, without forbidden keys at any depth; an empty body is no arguments. */
function parseArguments(text: string): { ok: true; args: unknown } | { ok: false; code: string; message: string } {
  let forbidden: string | undefined;
  let args: unknown;
  try {
    args =
      text === ''
        ? []
        : JSON.parse(text, (key, value: unknown) => {
            if (FORBIDDEN_KEYS.has(key)) forbidden ??= key;
            return value;
          });
  } catch {
    return { ok: false, code: 'malformed-json', message: 'The request body is not valid JSON' };
  }
  if (forbidden !== undefined)
    return { ok: false, code: 'invalid-arguments', message: `The key "${forbidden}" is not allowed in arguments` };
  return { ok: true, args };
}

/** Handles POST /api/upload: the raw bytes of one file, staged for a later importUploads. */
export async function handleUpload(uploads: UploadStaging, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const contentType = request.headers['content-type']?.split(';')[0]?.trim().toLowerCase();
  if (contentType !== 'application/octet-stream') {
    request.resume();
    sendError(response, 415, 'unsupported-media-type', 'Upload a file as application/octet-stream');
    return;
  }
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > uploads.maxBytes) {
    // Refused before anything is staged: no file is created for a body that cannot fit.
    response.setHeader('connection', 'close');
    sendError(response, 413, 'too-large', `the file is larger than the ${uploads.maxBytes}-byte limit`);
    return;
  }
  // The file's name is never taken from the request: it is staged under a random id, and the name
  // given later to importUploads is only shown (its last path segment), never used as a path.
  const staged = await uploads.stageStream(request);
  if (staged.ok) sendReply(response, 200, replyOf(staged));
  else if (staged.error.code === 'too-large') {
    // Say so at once and close: the rest of an oversized body is not worth reading.
    response.setHeader('connection', 'close');
    sendError(response, 413, 'too-large', staged.error.message);
  } else sendError(response, 500, staged.error.code, staged.error.message);
}

/** Handles GET /api/download/<id>: a finished export, as a file to save. */
export async function handleDownload(exports: ExportStaging | undefined, downloadId: string, response: ServerResponse): Promise<void> {
  const staged = /^[0-9a-f-]{36}$/.test(downloadId) ? exports?.get(downloadId) : undefined;
  const size =
    staged &&
    (await stat(staged.path).then(
      (info) => info.size,
      () => undefined,
    ));
  if (staged === undefined || size === undefined) {
    sendJson(response, 404, {
      error: { code: 'not-found', message: 'There is no such export (it was not finished, or the server restarted).' },
    });
    return;
  }
  response.writeHead(200, {
    'content-type': 'application/octet-stream',
    'content-length': size,
    'content-disposition': attachmentHeader(staged.fileName),
    'cache-control': 'no-store',
  });
  await pipeline(createReadStream(staged.path), response).catch(() => response.destroy());
}

/**
 * Reads the body up to `limit` bytes. A body declared or found to be larger resolves at once as
 * too large; the rest is discarded by Node once the answer is sent, never buffered.
 */
function readBody(request: IncomingMessage, limit: number): Promise<{ ok: true; text: string } | { ok: false }> {
  return new Promise((resolve, reject) => {
    const declared = Number(request.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) {
      resolve({ ok: false });
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) {
        chunks.push(chunk);
        return;
      }
      request.off('data', onData);
      request.resume();
      chunks.length = 0;
      resolve({ ok: false });
    };
    request.on('data', onData);
    request.on('end', () => resolve({ ok: true, text: Buffer.concat(chunks).toString('utf8') }));
    request.on('error', reject);
  });
}
