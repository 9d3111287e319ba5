// The claimbench command line: parses arguments and runs one command.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { APP_ROOT } from '../app-paths.ts';
import { DEFAULT_LIMITS, type ImportLimits } from '../import/extract-types.ts';
import { WorkspaceOpenError } from '../store/open-store.ts';
import { createOutput, UsageError, type Output } from './output.ts';
import { bindAddress, launchCommand, serve, SERVE_HELP, type ServeOptions } from './serve.ts';
import { start, START_HELP } from './start.ts';

const MAIN_HELP = `Usage: claimbench <command> [options]

Claimbench is a research workbench for claims: import documents, highlight and tag
claims, link them to their sources, and export annotated bundles.

Commands:
  start          start the desktop app (or the web host where Electron is unavailable)
  serve          serve the workbench to your browser on 127.0.0.1 (see --host)
  import         import files (text, Markdown, HTML, PDF, Word) into a workspace
  export         write the workspace as an annotated bundle (.claimbundle) or .qdpx
  verify         check a bundle's files, hashes and signature without importing it
  import-bundle  merge an annotated bundle into a workspace
  check          check a workspace's files (like fsck) and repair what can be repaired
  search         search the workspace's documents, annotations and claims
  archive        import fact-checks (ClaimReview, CSV, CheckThat! TSV) into the archive
  match          rank what was checked before against each text of a file
  suggest        suggest claims to check in files, or in a document of the workspace
  agreement      how far coders agree on the claims they marked, per tag and document
  team           a team's shared workspace on PostgreSQL: init, members, serve

Options:
  -h, --help     show help (also after a command: claimbench serve --help)
  -v, --version  show the version

Run \`claimbench <command> --help\` for a command's options.`;

type Values = Record<string, unknown>;

/**
 * A command's help and code are its module's, loaded only when that command runs or shows its
 * help: `serve` must not pay for the NLP model `suggest` loads, nor `verify` for jsdom.
 */
interface Command {
  readonly help: () => Promise<string>;
  readonly options: NonNullable<ParseArgsConfig['options']>;
  readonly positionals: boolean;
  run(values: Values, positionals: string[], output: Output): Promise<number>;
}

const COMMON = {
  workspace: { type: 'string' },
  'max-file-size': { type: 'string' },
  empty: { type: 'boolean', default: false },
  json: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

const SERVING = {
  ...COMMON,
  port: { type: 'string' },
  host: { type: 'string' },
  'allow-remote': { type: 'boolean', default: false },
  'no-open': { type: 'boolean' },
} as const;

/** --max-file-size N (MiB) over the default import limits. */
function limits(values: Values): ImportLimits {
  const text = values['max-file-size'] as string | undefined;
  if (text === undefined) return DEFAULT_LIMITS;
  const mebibytes = Number(text);
  if (!/^\d+$/.test(text) || mebibytes < 1 || mebibytes > 4096)
    throw new UsageError(`--max-file-size must be a whole number of MiB from 1 to 4096, not "${text}"`);
  return { ...DEFAULT_LIMITS, maxFileBytes: mebibytes * 1024 * 1024 };
}

function serveOptions(values: Values, subcommand: string): ServeOptions {
  return {
    launchedAs: launchCommand(subcommand),
    limits: limits(values),
    workspace: values.workspace as string | undefined,
    port: values.port === undefined ? undefined : parsePort(values.port as string),
    host: bindAddress(values.host as string | undefined, values['allow-remote'] === true),
    open: values['no-open'] !== true,
    empty: values.empty === true,
  };
}

const COMMANDS: Readonly<Record<string, Command>> = {
  serve: {
    help: async () => SERVE_HELP,
    options: SERVING,
    positionals: false,
    run: (values, _files, output) => serve(serveOptions(values, 'serve'), output),
  },
  start: {
    help: async () => START_HELP,
    options: SERVING,
    positionals: false,
    run: (values, _files, output) => start(serveOptions(values, 'start'), output),
  },
  import: {
    help: async () => (await import('./import.ts')).IMPORT_HELP,
    options: { ...COMMON, 'version-of': { type: 'string' }, markdown: { type: 'string' } },
    positionals: true,
    run: async (values, files, output) =>
      (await import('./import.ts')).importCommand(
        {
          workspace: values.workspace as string | undefined,
          versionOf: values['version-of'] as string | undefined,
          markdown: values.markdown as string | undefined,
          empty: values.empty === true,
          limits: limits(values),
          files,
        },
        output,
      ),
  },
  export: {
    help: async () => (await import('./export.ts')).EXPORT_HELP,
    options: {
      workspace: COMMON.workspace,
      json: COMMON.json,
      help: COMMON.help,
      out: { type: 'string' },
      'with-originals': { type: 'boolean', default: false },
      sign: { type: 'boolean', default: false },
      docs: { type: 'string' },
      tag: { type: 'string', multiple: true },
      status: { type: 'string', multiple: true },
      format: { type: 'string' },
      'review-url': { type: 'string' },
      'csv-formula-guard': { type: 'string' },
    },
    positionals: false,
    run: async (values, _files, output) =>
      (await import('./export.ts')).exportCommand(
        {
          workspace: values.workspace as string | undefined,
          out: values.out as string | undefined,
          originals: values['with-originals'] === true,
          sign: values.sign === true,
          documents:
            values.docs === undefined
              ? undefined
              : (values.docs as string)
                  .split(',')
                  .map((id) => id.trim())
                  .filter(Boolean),
          tags: values.tag as string[] | undefined,
          statuses: values.status as string[] | undefined,
          format: values.format as string | undefined,
          reviewUrl: values['review-url'] as string | undefined,
          csvFormulaGuard: values['csv-formula-guard'] as string | undefined,
        },
        output,
      ),
  },
  'import-bundle': {
    help: async () => (await import('./import-bundle.ts')).IMPORT_BUNDLE_HELP,
    options: { workspace: COMMON.workspace, json: COMMON.json, help: COMMON.help, 'on-conflict': { type: 'string' } },
    positionals: true,
    run: async (values, files, output) =>
      (await import('./import-bundle.ts')).importBundleCommand(
        { workspace: values.workspace as string | undefined, onConflict: values['on-conflict'] as string | undefined, files },
        output,
      ),
  },
  check: {
    help: async () => (await import('./check.ts')).CHECK_HELP,
    options: { workspace: COMMON.workspace, json: COMMON.json, help: COMMON.help },
    positionals: false,
    run: async (values, _files, output) =>
      (await import('./check.ts')).checkCommand({ workspace: values.workspace as string | undefined }, output),
  },
  search: {
    help: async () => (await import('./search.ts')).SEARCH_HELP,
    options: { workspace: COMMON.workspace, json: COMMON.json, help: COMMON.help, limit: { type: 'string' } },
    positionals: true,
    run: async (values, positionals, output) =>
      (await import('./search.ts')).searchCommand(
        { workspace: values.workspace as string | undefined, limit: values.limit as string | undefined, positionals },
        output,
      ),
  },
  verify: {
    help: async () => (await import('./verify.ts')).VERIFY_HELP,
    options: { json: COMMON.json, help: COMMON.help },
    positionals: true,
    run: async (_values, files, output) => (await import('./verify.ts')).verifyCommand(files, output),
  },
  archive: {
    help: async () => (await import('./archive.ts')).ARCHIVE_HELP,
    options: { workspace: COMMON.workspace, empty: COMMON.empty, json: COMMON.json, help: COMMON.help },
    positionals: true,
    run: async (values, positionals, output) =>
      (await import('./archive.ts')).archiveCommand(
        { workspace: values.workspace as string | undefined, empty: values.empty === true, positionals },
        output,
      ),
  },
  match: {
    help: async () => (await import('./match.ts')).MATCH_HELP,
    options: { workspace: COMMON.workspace, json: COMMON.json, help: COMMON.help, top: { type: 'string' } },
    positionals: true,
    run: async (values, files, output) =>
      (await import('./match.ts')).matchCommand(
        { workspace: values.workspace as string | undefined, top: values.top as string | undefined, files },
        output,
      ),
  },
  suggest: {
    help: async () => (await import('./suggest.ts')).SUGGEST_HELP,
    options: {
      workspace: COMMON.workspace,
      json: COMMON.json,
      help: COMMON.help,
      'max-file-size': COMMON['max-file-size'],
      document: { type: 'string' },
    },
    positionals: true,
    run: async (values, files, output) =>
      (await import('./suggest.ts')).suggestCommand(
        {
          workspace: values.workspace as string | undefined,
          document: values.document as string | undefined,
          limits: limits(values),
          files,
        },
        output,
      ),
  },
  agreement: {
    help: async () => (await import('./agreement.ts')).AGREEMENT_HELP,
    options: {
      workspace: COMMON.workspace,
      json: COMMON.json,
      help: COMMON.help,
      coders: { type: 'string' },
      tag: { type: 'string', multiple: true },
      document: { type: 'string', multiple: true },
      overlap: { type: 'string' },
    },
    positionals: false,
    run: async (values, _files, output) =>
      (await import('./agreement.ts')).agreementCommand(
        {
          workspace: values.workspace as string | undefined,
          coders: values.coders as string | undefined,
          tags: values.tag as string[] | undefined,
          documents: values.document as string[] | undefined,
          overlap: values.overlap as string | undefined,
        },
        output,
      ),
  },
  team: {
    help: async () => (await import('./team.ts')).TEAM_HELP,
    options: {
      database: { type: 'string' },
      json: COMMON.json,
      help: COMMON.help,
      role: { type: 'string' },
      'password-stdin': { type: 'boolean', default: false },
      label: { type: 'string' },
      port: { type: 'string' },
      host: { type: 'string' },
      'allow-remote': { type: 'boolean', default: false },
      'public-url': { type: 'string' },
      'work-dir': { type: 'string' },
      'document-cache-mb': { type: 'string' },
      'on-conflict': { type: 'string' },
    },
    positionals: true,
    run: async (values, positionals, output) => (await import('./team-commands.ts')).teamCommand(values, positionals, output),
  },
};

/** Runs the CLI; resolves with the exit code (0 ok, 1 failed, 2 usage error). */
export async function main(argv: readonly string[]): Promise<number> {
  const [name, ...rest] = argv;
  const output = createOutput(rest.includes('--json'));
  try {
    if (name === undefined || name === '-h' || name === '--help' || name === 'help') {
      process.stdout.write(`${MAIN_HELP}\n`);
      return 0;
    }
    if (name === '-v' || name === '--version') {
      process.stdout.write(`${version()}\n`);
      return 0;
    }
    const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
    if (command === undefined) throw new UsageError(`unknown command "${name}"`);
    const { values, positionals } = parseArgs({
      args: rest,
      strict: true,
      options: command.options,
      allowPositionals: command.positionals,
    });
    if (values.help) {
      process.stdout.write(`${await command.help()}\n`);
      return 0;
    }
    return await command.run(values, positionals, output);
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
