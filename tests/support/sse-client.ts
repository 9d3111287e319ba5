// A test's browser window on an event stream (GET /api/events): it parses the frames as they come,
// and can reconnect with Last-Event-ID as EventSource does.
import { request as httpRequest, type IncomingMessage } from 'node:http';

export interface Frame {
  id?: string;
  event?: string;
  data?: string;
}

/** Opens the stream; `frames` fills as they come; `close()` hangs up. */
export function connect(port: number, lastEventId?: string) {
  const frames: Frame[] = [];
  let buffer = '';
  let response: IncomingMessage | undefined;
  const request = httpRequest(
    { host: '127.0.0.1', port, path: '/', headers: lastEventId ? { 'last-event-id': lastEventId } : {} },
    (answer) => {
      response = answer;
      answer.setEncoding('utf8');
      answer.on('data', (chunk: string) => {
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const frame: Frame = {};
          for (const line of block.split('\n')) {
            const [field, ...rest] = line.split(': ');
            if (field === 'id' || field === 'event' || field === 'data') frame[field] = rest.join(': ');
          }
          if (frame.event !== undefined || frame.id !== undefined) frames.push(frame);
        }
      });
    },
  );
  request.end();
  return {
    frames,
    close: () => {
      response?.destroy();
      request.destroy();
    },
  };
}
