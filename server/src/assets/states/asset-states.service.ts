import { sql } from 'kysely';
import type { AssetStateCreateBody, AssetStatePatchBody } from '@parc/shared/api';
import type { Db } from '../../platform/db/database.js';
import { inTransaction } from '../../platform/db/in-transaction.js';
import { recordAudit, type AuditActor } from '../../platform/audit/audit.repository.js';
import { ConflictError, NotFoundError, ValidationError } from '../../platform/http/errors.js';
import { stateCodeFor } from './state-code.js';

const rows = (db: Db) =>
  db
    .selectFrom('asset_states as s')
    .select(['s.code', 's.label', 's.builtin', 's.counts_in_compliance', 's.position'])
    .select((eb) => eb.selectFrom('devices').select(sql<number>`count(*)::int`.as('n')).whereRef('devices.state', '=', 's.code').as('assetCount'));

const toState = (r: { code: string; label: string | null; builtin: boolean; counts_in_compliance: boolean; position: number; assetCount: number | null }) => ({
  code: r.code,
  label: r.label,
  builtin: r.builtin,
  countsInCompliance: r.counts_in_compliance,
  position: r.position,
  assetCount: Number(r.assetCount ?? 0),
});

export async function listStates(db: Db) {
  return { items: (await rows(db).orderBy('s.position').orderBy('s.code').execute()).map(toState) };
}

async function getState(db: Db, code: string) {
  const r = await rows(db).where('s.code', '=', code).executeTakeFirst();
  if (!r) throw new NotFoundError(`state ${code}`);
  return toState(r);
}

/** The state exists (a 400 naming `field` otherwise); devices.state's foreign key would refuse it with a 500. */
export async function requireState(db: Db, code: string, field: string) {
  const r = await db.selectFrom('asset_states').select(['code', 'label']).where('code', '=', code).executeTakeFirst();
  if (!r) throw new ValidationError(`unknown state "${code}"`, field);
  return r;
}

async function checkLabel(db: Db, label: string, exceptCode?: string) {
  let q = db.selectFrom('asset_states').select('code').where(sql<boolean>`lower(label) = lower(${label})`);
  if (exceptCode) q = q.where('code', '<>', exceptCode);
  if (await q.executeTakeFirst()) throw new ConflictError(`a state is already labelled "${label}"`, 'label');
}

export function createState(db: Db, body: AssetStateCreateBody, actor: AuditActor) {
  return inTransaction(db, async (tx) => {
    await checkLabel(tx, body.label);
    const existing = new Set((await tx.selectFrom('asset_states').select('code').execute()).map((r) => r.code));
    const code = body.code ?? stateCodeFor(body.label, existing);
    if (existing.has(code)) throw new ConflictError(`state code "${code}" is taken`, 'code');
    const last = await tx.selectFrom('asset_states').select(sql<number>`coalesce(max(position), 0)`.as('p')).executeTakeFirstOrThrow();
    await tx
      .insertInto('asset_states')
      .values({ code, label: body.label, builtin: false, counts_in_compliance: body.countsInCompliance, position: body.position ?? Number(last.p) + 10 })
      .execute();
    await recordAudit(tx, { actor, action: 'asset_state.created', target: { type: 'asset_state', id: code, label: body.label }, detail: { countsInCompliance: body.countsInCompliance } });
    return getState(tx, code);
  });
}

/** Built-ins keep their code, wording and compliance rule: only their place in the list moves. */
export function updateState(db: Db, code: string, body: AssetStatePatchBody, actor: AuditActor) {
  return inTransaction(db, async (tx) => {
    const current = await getState(tx, code);
    if (current.builtin) {
      const forbidden = (['label', 'countsInCompliance'] as const).find((f) => body[f] !== undefined);
      if (forbidden) throw new ValidationError(`a built-in state's ${forbidden} cannot change; only its position`, forbidden);
    }
    if (body.label !== undefined) await checkLabel(tx, body.label, code);
    await tx
      .updateTable('asset_states')
      .set({
        ...(body.label !== undefined ? { label: body.label } : {}),
        ...(body.countsInCompliance !== undefined ? { counts_in_compliance: body.countsInCompliance } : {}),
        ...(body.position !== undefined ? { position: body.position } : {}),
      })
      .where('code', '=', code)
      .execute();
    await recordAudit(tx, { actor, action: 'asset_state.updated', target: { type: 'asset_state', id: code, label: current.label ?? code }, detail: { ...body } });
    return getState(tx, code);
  });
}

export function deleteState(db: Db, code: string, actor: AuditActor) {
  return inTransaction(db, async (tx) => {
    const current = await getState(tx, code);
    if (current.builtin) throw new ConflictError(`"${code}" is a built-in state: it cannot be deleted`);
    if (current.assetCount > 0) throw new ConflictError(`state "${current.label}" is used by ${current.assetCount} asset(s): give them another state first`);
    await tx.deleteFrom('asset_states').where('code', '=', code).execute();
    await recordAudit(tx, { actor, action: 'deleted', target: { type: 'asset_state', id: code, label: current.label } });
  });
}
