// The claimbench command line: parses arguments and runs one command.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { APP_ROOT } from '../app-paths.ts';
import { WorkspaceOpenError } from '../store/workspace-store.ts';
import { createOutput, UsageError } from './output.ts';
import { serve, SERVE_HELP, type ServeOptions } from './serve.ts';
import { start, START_HELP } from './start.ts';

const MAIN_HELP = `Usage: claimbench <command> [options]

Claimbench is a research workbench for claims: import documents, highlight and tag
claims, link them to their sources, and export annotated bundles.

Commands:
  start    start the desktop app (or the web host where Electron is unavailable)
  serve    serve the workbench to your browser on 127.0.0.1

Options:
  -h, --help     show help (also after a command: claimbench serve --help)
  -v, --version  show the version

Run \`claimbench <command> --help\` for a command's options.`;

const COMMANDS = { serve: SERVE_HELP, start: START_HELP } as const;

/** Runs the CLI; resolves with the exit code (0 ok, 1 failed, 2 usage error). */
export async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  const wantsJson = rest.includes('--json');
  const output = createOutput(wantsJson);
  try {
    if (command === undefined || command === '-h' || command === '--help' || command === 'help') {
      process.stdout.write(`${MAIN_HELP}\n`);
      return 0;
    }
    if (command === '-v' || command === '--version') {
      process.stdout.write(`${version()}\n`);
      return 0;
    }
    if (!Object.hasOwn(COMMANDS, command)) throw new UsageError(`unknown command "${command}"`);
    const help = COMMANDS[command as keyof typeof COMMANDS];
    const { values } = parseArgs({
      args: rest,
      strict: true,
      options: {
        workspace: { type: 'string' },
        port: { type: 'string' },
        open: { type: 'boolean', default: true },
        'no-open': { type: 'boolean' },
        empty: { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
    if (values.help) {
      process.stdout.write(`${help}\n`);
      return 0;
    }
    const options: ServeOptions = {
      workspace: values.workspace,
      port: values.port === undefined ? undefined : parsePort(values.port),
      open: values['no-open'] !== true,
      empty: values.empty,
    };
    return await (command === 'serve' ? serve(options, output) : start(options, output));
  } catch (error) {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      output.error('usage', `${(error as Error).message}\nRun \`claimbench --help\` for usage.`);
      return 2;
    }
    if (error instanceof WorkspaceOpenError) {
      output.error(error.code, error.message);
      return 1;
    }
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      output.error('port-in-use', `${(error as Error).message}: choose another --port`);
      return 1;
    }
    throw error;
  }
}

function parsePort(text: string): number {
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65535) throw new UsageError(`--port must be a number from 0 to 65535, not "${text}"`);
  return port;
}

function version(): string {
  const manifest = JSON.parse(readFileSync(path.join(APP_ROOT, 'package.json'), 'utf8')) as { version: string };
  return manifest.version;
}
