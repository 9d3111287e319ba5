// `claimbench team <subcommand>`: which subcommand runs, with which options.
import { DEFAULT_LIMITS } from '../import/extract-types.ts';
import { UsageError, type Output } from './output.ts';
import { bindAddress } from './serve.ts';
import { teamToken, teamUser } from './team-members.ts';
import { teamInit } from './team.ts';

type Values = Record<string, unknown>;

export async function teamCommand(values: Values, positionals: string[], output: Output): Promise<number> {
  const [subcommand, ...rest] = positionals;
  const database = values.database as string | undefined;
  switch (subcommand) {
    case 'init':
      noMore(rest, 'init');
      return teamInit({ database }, output);
    case 'user':
    case 'token': {
      const options = {
        database,
        role: values.role as string | undefined,
        passwordStdin: values['password-stdin'] === true,
        label: values.label as string | undefined,
      };
      return subcommand === 'user' ? teamUser(rest, options, output) : teamToken(rest, options, output);
    }
    case 'serve': {
      noMore(rest, 'serve');
      const { teamServe } = await import('./team-serve.ts');
      return teamServe(
        {
          database,
          port: values.port === undefined ? undefined : portOf(values.port as string),
          host: bindAddress(values.host as string | undefined, values['allow-remote'] === true),
          publicUrl: values['public-url'] as string | undefined,
          workDir: values['work-dir'] as string | undefined,
          documentCacheBytes: values['document-cache-mb'] === undefined ? undefined : megabytesOf(values['document-cache-mb'] as string),
          limits: DEFAULT_LIMITS,
        },
        output,
      );
    }
    case 'import': {
      const { teamImport } = await import('./team-import.ts');
      const { databaseUrl } = await import('./team.ts');
      const { defaultWorkDir } = await import('./team-serve.ts');
      return teamImport(
        rest,
        {
          database,
          onConflict: values['on-conflict'] as string | undefined,
          workDir: (values['work-dir'] as string | undefined) ?? defaultWorkDir(databaseUrl(database)),
        },
        output,
      );
    }
    case undefined:
      throw new UsageError('name a subcommand: claimbench team init|user|token|serve|import (see claimbench team --help)');
    default:
      throw new UsageError(`unknown subcommand "team ${subcommand}" (see claimbench team --help)`);
  }
}

function portOf(text: string): number {
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65535) throw new UsageError(`--port must be a number from 0 to 65535, not "${text}"`);
  return port;
}

/** `--document-cache-mb`'s value in bytes (a number of megabytes, fractions allowed, never negative). */
export function megabytesOf(text: string): number {
  const megabytes = Number(text);
  if (!/^\d+(\.\d+)?$/.test(text)) throw new UsageError(`--document-cache-mb must be a number of megabytes, such as 64, not "${text}"`);
  return Math.round(megabytes * 1024 * 1024);
}

function noMore(rest: readonly string[], subcommand: string): void {
  if (rest.length > 0) throw new UsageError(`team ${subcommand} takes no arguments, not "${rest.join(' ')}"`);
}
