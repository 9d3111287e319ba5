// `claimbench team user …` and `claimbench team token …`: the team's members and their access tokens
// (main/team/members.ts, access-tokens.ts). A password is never taken from the command line (where
// `ps` and the shell's history would keep it): it is made once and printed, or read from stdin.
import { TEAM_ROLES, type TeamRole } from '../../core/team/roles.ts';
import { createToken, listTokens, revokeToken } from '../team/access-tokens.ts';
import { addUser, listMembers, setDisabled, setPassword, setRole } from '../team/members.ts';
import { UsageError, type Output } from './output.ts';
import { databaseUrl, withTeamDb } from './team.ts';

export interface MemberCommand {
  readonly database?: string;
  readonly role?: string;
  readonly passwordStdin: boolean;
  readonly label?: string;
  /** What stdin holds (read only with --password-stdin). */
  readonly readStdin?: () => Promise<string>;
}

function roleOf(role: string | undefined): TeamRole {
  if (role === undefined) throw new UsageError(`give the member's role: --role ${TEAM_ROLES.join('|')}`);
  if (!(TEAM_ROLES as readonly string[]).includes(role)) throw new UsageError(`--role is one of ${TEAM_ROLES.join(', ')}, not "${role}"`);
  return role as TeamRole;
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  let text = '';
  for await (const chunk of stream) text += chunk.toString();
  return text;
}

/** The password given on stdin (one line; its line break is not part of it), or undefined for a one-time one. */
async function passwordFrom(options: MemberCommand): Promise<string | undefined> {
  if (!options.passwordStdin) return undefined;
  const text = await (options.readStdin ?? (() => readAll(process.stdin)))();
  const password = text.replace(/\r?\n$/, '');
  if (password === '') throw new UsageError('--password-stdin: standard input held no password');
  return password;
}

function one(args: readonly string[], usage: string): string {
  if (args.length !== 1) throw new UsageError(`usage: claimbench team ${usage}`);
  return args[0]!;
}

/** `team user add|role|disable|enable|password|list`. */
export async function teamUser(args: readonly string[], options: MemberCommand, output: Output): Promise<number> {
  const [action, ...rest] = args;
  const url = databaseUrl(options.database);
  const failed = (error: { code: string; message: string }) => (output.error(error.code, error.message), 1);
  switch (action) {
    case 'add': {
      const name = one(rest, 'user add NAME --role ROLE [--password-stdin]');
      const role = roleOf(options.role);
      const password = await passwordFrom(options);
      return withTeamDb(url, output, async (db) => {
        const added = await addUser(db, name, role, password);
        if (!added.ok) return failed(added.error);
        const { member, oneTimePassword } = added.value;
        const said = oneTimePassword === undefined ? '' : `\nTheir password, shown only now (they sign in with it): ${oneTimePassword}`;
        output.report('user-added', `Added ${member.name} as ${member.role}.${said}`, {
          name: member.name,
          role: member.role,
          ...(oneTimePassword === undefined ? {} : { password: oneTimePassword }),
        });
        return 0;
      });
    }
    case 'role': {
      const name = one(rest, 'user role NAME --role ROLE');
      const role = roleOf(options.role);
      return withTeamDb(url, output, async (db) => {
        const changed = await setRole(db, name, role);
        if (!changed.ok) return failed(changed.error);
        output.report('user-role', `${changed.value.name} is now ${changed.value.role}.`, {
          name: changed.value.name,
          role: changed.value.role,
        });
        return 0;
      });
    }
    case 'disable':
    case 'enable': {
      const name = one(rest, `user ${action} NAME`);
      return withTeamDb(url, output, async (db) => {
        const changed = await setDisabled(db, name, action === 'disable');
        if (!changed.ok) return failed(changed.error);
        const said =
          action === 'disable'
            ? `${changed.value.name} is disabled: signed out everywhere, tokens revoked.`
            : `${changed.value.name} may sign in again.`;
        output.report(`user-${action}d`, said, { name: changed.value.name });
        return 0;
      });
    }
    case 'password': {
      const name = one(rest, 'user password NAME [--password-stdin]');
      const password = await passwordFrom(options);
      return withTeamDb(url, output, async (db) => {
        const changed = await setPassword(db, name, password);
        if (!changed.ok) return failed(changed.error);
        const { member, oneTimePassword } = changed.value;
        const said = oneTimePassword === undefined ? '' : ` Their new password, shown only now: ${oneTimePassword}`;
        output.report('user-password', `${member.name}'s password is changed and their sessions ended.${said}`, {
          name: member.name,
          ...(oneTimePassword === undefined ? {} : { password: oneTimePassword }),
        });
        return 0;
      });
    }
    case 'list':
      if (rest.length > 0) throw new UsageError('usage: claimbench team user list');
      return withTeamDb(url, output, async (db) => {
        const members = await listMembers(db);
        if (members.length === 0) output.report('users', 'No members yet: claimbench team user add NAME --role admin', { users: [] });
        for (const member of members)
          output.report('user', `${member.name}\t${member.role}${member.disabled ? '\tdisabled' : ''}`, {
            name: member.name,
            role: member.role,
            disabled: member.disabled,
          });
        return 0;
      });
    default:
      throw new UsageError('usage: claimbench team user add|role|disable|enable|password|list …');
  }
}

/** `team token NAME [--label L]`, `team token revoke NAME LABEL`, `team token list NAME`. */
export async function teamToken(args: readonly string[], options: MemberCommand, output: Output): Promise<number> {
  const url = databaseUrl(options.database);
  const failed = (error: { code: string; message: string }) => (output.error(error.code, error.message), 1);
  if (args[0] === 'revoke') {
    if (args.length !== 3) throw new UsageError('usage: claimbench team token revoke NAME LABEL');
    const [, name, label] = args as [string, string, string];
    return withTeamDb(url, output, async (db) => {
      const revoked = await revokeToken(db, name, label);
      if (!revoked.ok) return failed(revoked.error);
      output.report('token-revoked', `Revoked ${name}'s token "${label}": it is refused from now on.`, { name, label });
      return 0;
    });
  }
  if (args[0] === 'list') {
    const name = one(args.slice(1), 'token list NAME');
    return withTeamDb(url, output, async (db) => {
      const tokens = await listTokens(db, name);
      if (!tokens.ok) return failed(tokens.error);
      for (const token of tokens.value)
        output.report('token', `${token.name}\tcreated ${token.createdAt.toISOString()}${token.revokedAt ? '\trevoked' : ''}`, {
          label: token.name,
          createdAt: token.createdAt.toISOString(),
          revoked: token.revokedAt !== null,
        });
      return 0;
    });
  }
  const name = one(args, 'token NAME [--label LABEL]');
  const label = options.label ?? `token ${new Date().toISOString().slice(0, 19)}`;
  return withTeamDb(url, output, async (db) => {
    const made = await createToken(db, name, label);
    if (!made.ok) return failed(made.error);
    output.report('token', made.value.token, { name, label, token: made.value.token });
    return 0;
  });
}
