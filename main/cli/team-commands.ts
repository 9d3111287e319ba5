// `claimbench team <subcommand>`: which subcommand runs, with which options.
import { UsageError, type Output } from './output.ts';
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
    case undefined:
      throw new UsageError('name a subcommand: claimbench team init|user|token|serve|import (see claimbench team --help)');
    default:
      throw new UsageError(`unknown subcommand "team ${subcommand}" (see claimbench team --help)`);
  }
}

function noMore(rest: readonly string[], subcommand: string): void {
  if (rest.length > 0) throw new UsageError(`team ${subcommand} takes no arguments, not "${rest.join(' ')}"`);
}
