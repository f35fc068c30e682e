import type { SoftwareDetail, SoftwareDetailQuery, SoftwareList, SoftwareListQuery, SoftwarePatchBody, SoftwareProduct } from '@parc/shared';
import type { Db } from '../../platform/db/database.js';
import { NotFoundError } from '../../platform/http/errors.js';
import * as repo from './catalogue.repository.js';
import { newestFirst } from './version-compare.js';

type ProductRow = NonNullable<Awaited<ReturnType<typeof repo.findProduct>>>;

async function withCounts(db: Db, rows: ProductRow[]): Promise<SoftwareProduct[]> {
  const counts = await repo.installCounts(db, rows.map((r) => r.id));
  const total = new Map<number, number>();
  const versions = new Map<number, { version: string; installCount: number }[]>();
  for (const c of counts) {
    if (c.version === null) total.set(c.product_id, c.n);
    else {
      const list = versions.get(c.product_id) ?? [];
      list.push({ version: c.version, installCount: c.n });
      versions.set(c.product_id, list);
    }
  }
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    publisher: r.publisher,
    category: r.category,
    licensable: r.licensable,
    installCount: total.get(r.id) ?? 0,
    versions: (versions.get(r.id) ?? []).sort((a, b) => newestFirst(a.version, b.version)),
  }));
}

export async function listSoftware(db: Db, q: SoftwareListQuery): Promise<SoftwareList> {
  const { rows, total } = await repo.listProducts(db, q);
  return { items: await withCounts(db, rows), total, limit: q.limit, offset: q.offset };
}

export async function getProduct(db: Db, id: number): Promise<SoftwareProduct> {
  const row = await repo.findProduct(db, id);
  if (!row) throw new NotFoundError(`software product ${id}`);
  return (await withCounts(db, [row]))[0]!;
}

export async function getSoftwareDetail(db: Db, id: number, q: SoftwareDetailQuery, now: Date, staleDays: number): Promise<SoftwareDetail> {
  const product = await getProduct(db, id);
  const [aliases, devices] = await Promise.all([repo.aliases(db, id), repo.productDevices(db, id, q, new Date(now.getTime() - staleDays * 86_400_000))]);
  return {
    ...product,
    aliases,
    devices: {
      items: devices.map((d) => ({
        deviceId: d.id,
        hostname: d.hostname,
        lastUser: d.last_user,
        lastSeenAt: new Date(d.last_seen_at).toISOString(),
        state: d.state,
        versions: [...d.versions].sort(newestFirst),
      })),
      total: product.installCount,
      limit: q.limit,
      offset: q.offset,
    },
  };
}

export async function patchProduct(db: Db, id: number, body: SoftwarePatchBody): Promise<SoftwareProduct> {
  const updated = await repo.setAttributes(db, id, {
    ...(body.licensable !== undefined ? { licensable: body.licensable } : {}),
    ...(body.category !== undefined ? { category: body.category } : {}),
  });
  if (!updated) throw new NotFoundError(`software product ${id}`);
  return getProduct(db, id);
}
