import type { Db } from '../db/database.js';
import type { Locale } from '@parc/shared/locales';
import type { Role } from '@parc/shared';
import type { User } from './auth.tables.js';
import { ConflictError, NotFoundError } from '../http/errors.js';
import type { AuthUser } from '../http/context.js';
import { generatePassword, hashPassword, verifyPassword } from './password.js';
import { revokeUserApiTokens } from './api-tokens.repository.js';
import { hashSecret, newSecret } from './tokens.js';
import * as repo from './users.repository.js';
import { isUniqueViolation } from '../db/db-errors.js';
import { authenticateApiToken, isApiToken } from './api-tokens.service.js';
import { recordAudit, type AuditActor } from '../audit/audit.repository.js';
import { userChangeAudits } from './user-audit.js';

export function toApiUser(u: User) {
  return {
    id: u.id,
    username: u.username,
    displayName: u.display_name,
    email: u.email,
    role: u.role,
    disabled: u.disabled,
    locale: u.locale,
    createdAt: new Date(u.created_at).toISOString(),
  };
}

// Compared against when the user does not exist, so a login takes as long either way.
let dummyHash: Promise<string> | undefined;

/**
 * The user these credentials open, or why not. Takes as long whether or not the user exists, so the
 * answer time does not tell which usernames do.
 */
export async function verifyCredentials(db: Db, username: string, password: string): Promise<{ user: User } | { user?: User; reason: 'unknown_user' | 'disabled' | 'wrong_password' }> {
  const user = await repo.findUserByUsername(db, username);
  if (!user || user.disabled) {
    dummyHash ??= hashPassword(generatePassword());
    await verifyPassword(password, await dummyHash);
    return user ? { user, reason: 'disabled' } : { reason: 'unknown_user' };
  }
  if (!(await verifyPassword(password, user.password_hash))) return { user, reason: 'wrong_password' };
  return { user };
}

/** A new session for a user whose credentials were checked; the token is returned once, only its hash is kept. */
export async function openSession(db: Db, userId: number, sessionHours: number, now = new Date()) {
  const token = newSecret('parc');
  const expiresAt = new Date(now.getTime() + sessionHours * 3600_000);
  await repo.insertSession(db, userId, hashSecret(token), expiresAt);
  return { token, expiresAt };
}

/** The user a bearer secret or session cookie stands for: a personal API token or a session. */
export async function authenticate(db: Db, token: string, opts: { now?: Date; address?: string | undefined } = {}): Promise<AuthUser | undefined> {
  if (isApiToken(token)) return authenticateApiToken(db, token, opts.now ?? new Date(), opts.address);
  // Sessions are opened and checked on the system clock (a test's manual clock moves API tokens only).
  const row = await repo.findSessionUser(db, hashSecret(token), new Date());
  if (!row || row.disabled) return undefined;
  return { id: row.id, username: row.username, role: row.role, displayName: row.display_name };
}

export async function logout(db: Db, token: string) {
  await repo.deleteSession(db, hashSecret(token));
}

export async function createUser(
  db: Db,
  input: { username: string; password: string; role: Role; displayName?: string | undefined; email?: string | undefined },
  /** Who creates it, for the audit log (absent: Parc itself, at first start). */
  actor?: AuditActor,
) {
  const duplicate = () => new ConflictError(`a user named "${input.username}" already exists`, 'username');
  if (await repo.findUserByUsername(db, input.username)) throw duplicate();
  try {
    const passwordHash = await hashPassword(input.password);
    return await db.transaction().execute(async (tx) => {
      const user = await repo.insertUser(tx, {
        username: input.username,
        password_hash: passwordHash,
        role: input.role,
        display_name: input.displayName ?? null,
        email: input.email ?? null,
      });
      if (actor) await recordAudit(tx, { actor, action: 'user.created', target: { type: 'user', id: user.id, label: user.username }, detail: { role: user.role } });
      return user;
    });
  } catch (err) {
    // Two creations racing past the check above: the unique index decides, and the loser gets a 409.
    if (isUniqueViolation(err)) throw duplicate();
    throw err;
  }
}

export async function updateUser(
  db: Db,
  id: number,
  input: Partial<{ password: string; role: Role; displayName: string | null; email: string | null; disabled: boolean }>,
  /** The caller's own session token: kept when admins change their own password. */
  callerToken?: string,
  /** Who changes it, for the audit log. */
  actor?: AuditActor,
) {
  const passwordHash = input.password !== undefined ? await hashPassword(input.password) : undefined;
  const removesAdmin = (input.role !== undefined && input.role !== 'admin') || input.disabled === true;
  const updated = await db.transaction().execute(async (tx) => {
    if (removesAdmin) {
      await repo.lockAdministrators(tx);
      const current = await repo.findUserById(tx, id);
      // Nobody could administer Parc afterwards (users, enrollment, settings): refuse, naming the field.
      if (current?.role === 'admin' && !current.disabled && (await repo.countOtherActiveAdmins(tx, id)) === 0) {
        throw new ConflictError('this is the last active administrator: make another user admin first', input.role !== undefined && input.role !== 'admin' ? 'role' : 'disabled');
      }
    }
    // Read after the administrators' lock (when taken), so the entry's "from" is what this change replaced.
    const before = actor ? await repo.findUserById(tx, id) : undefined;
    const after = await repo.updateUser(tx, id, {
      ...(passwordHash !== undefined ? { password_hash: passwordHash } : {}),
      ...(input.role !== undefined ? { role: input.role } : {}),
      ...(input.displayName !== undefined ? { display_name: input.displayName } : {}),
      ...(input.email !== undefined ? { email: input.email } : {}),
      ...(input.disabled !== undefined ? { disabled: input.disabled } : {}),
    });
    if (actor && before && after) {
      const target = { type: 'user', id, label: after.username };
      await recordAudit(tx, ...userChangeAudits(before, input).map((e) => ({ actor, target, ...e })));
    }
    // A leaked password may have been used to create personal API tokens: they end with it, as sessions do
    // below. (A disable only suspends tokens: re-enabling the account brings them back, see the auth check.)
    if (after && input.password !== undefined) {
      const revoked = await revokeUserApiTokens(tx, id, actor?.userId ?? null, new Date());
      if (actor && revoked.length > 0) {
        await recordAudit(
          tx,
          ...revoked.map((r) => ({ actor, action: 'api_token.revoked' as const, target: { type: 'api_token', id: r.id, label: r.name }, detail: { owner: after.username, reason: 'password-reset' } })),
        );
      }
    }
    return after;
  });
  if (!updated) throw new NotFoundError(`user ${id}`);
  // A password reset or a disable is how an admin locks out someone whose password leaked: the sessions
  // opened with it must end too, or re-enabling the account would bring them back.
  if (input.password !== undefined || input.disabled === true) {
    await repo.deleteUserSessions(db, id, callerToken ? hashSecret(callerToken) : undefined);
  }
  return updated;
}

/** What users change on their own profile: for now, the language of the interface. */
export async function updateOwnProfile(db: Db, id: number, input: { locale?: Locale | null | undefined }) {
  const updated = await repo.updateUser(db, id, input.locale !== undefined ? { locale: input.locale } : {});
  if (!updated) throw new NotFoundError(`user ${id}`);
  return updated;
}

/**
 * The first start creates `admin`, with the configured password or a generated one that is returned
 * once so the caller can print it. Later starts change nothing.
 */
export async function ensureFirstAdmin(db: Db, configuredPassword: string | undefined) {
  if ((await repo.countUsers(db)) > 0) return undefined;
  const password = configuredPassword ?? generatePassword();
  try {
    await createUser(db, { username: 'admin', password, role: 'admin', displayName: 'Administrator' });
  } catch (err) {
    // Two servers starting on one empty database: the other one created it first; its banner shows the password.
    if (err instanceof ConflictError) return undefined;
    throw err;
  }
  return { username: 'admin', password, generated: configuredPassword === undefined };
}
