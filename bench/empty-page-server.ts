// The baseline for the cold-start benchmark: a plain Node server with an empty page, started the
// same way (a new Node process that prints its URL as JSON when it listens).
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

const server = createServer((_request, response) => {
  response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<!doctype html><title>empty</title><p>empty</p>');
});
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  process.stdout.write(`${JSON.stringify({ event: 'listening', url: `http://127.0.0.1:${port}/` })}\n`);
});
process.once('SIGINT', () => server.close(() => process.exit(0)));
