import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrationProvider } from '../../../src/platform/db/migrations/index.js';

/**
 * A migration that ran on a database is never run there again, so editing it afterwards changes nothing
 * for existing databases: they drift from new ones (it happened: see 20261130T0900_repair_edited_migrations).
 * This holds the SHA-256 of every landed migration. A new migration is recorded here in the change that
 * adds it; from then on it is frozen.
 */
const LANDED: Record<string, string> = {
  '20261128T1000_initial.ts': '4a99dc42df0acafe9ee33421e8a7e7f82a638e9fba9e2ba837e79a1b2c2af105',
  '20261128T1200_helpdesk.ts': 'c5a1ba0e81c124cbfc7f5f8074f3f151641457a33c6ab480188ea4157ecde5bf',
  '20261128T1300_helpdesk_admin.ts': '1425b0823ac407517e703e703f8ed37a2385dc8ec54b80a59f2a0d46114f1cfb',
  '20261128T1310_sla_alerts.ts': '0418ab99e6dccc927e6a566afd7b5182deb662bbac03059e61905f8a148b8503',
  '20261130T0900_repair_edited_migrations.ts': '19bcbecaaa352ced6d99f441813102006cdedc74a77defb6e6d6f7de1fd29dd5',
  '20261130T1130_presence_people.ts': 'c0c30e2d8a57adc98940d6c187105274482ee1cfe9689b4d1b6a44ecd7e41639',
  '20261130T1020_software_presence.ts': 'f061050386fd67dc68dcc0a691be21a7ca549266bba2ddb1563d23d3e1b50b4b',
  '20261130T1010_licences.ts': '05186e73bbfe703181a4942ec40c48f7b16345f1572d9176cfa5acbaf5e02a8a',
  '20261130T1000_software_catalogue.ts': '866e4292426b0afa777090c66de8e982696af7350185f8294bec362659df9994',
  '20261130T1400_audit_log.ts': '2819ac0d460604bc920aa003b3fd77804c2cc4cdb154dd6817ab0b419a20c33f',
  '20261130T1410_conflict_resolution.ts': '761223a5cdbc84cdf333b5b75bac2fecce95658cc4a606112607e13d5e96574e',
  '20261130T1430_api_tokens_login_failures.ts': 'eaf3c7822166485a9164b7e5f34606e8e065bfbd68e4da861768ff03d7305769',
  '20261130T1460_device_change_codes.ts': 'c215245bf8b88f28384a3e2e1c356bb41944762c9447b3a02b7dfa762842fab5',
  '20261130T1500_asset_register.ts': '9e3ffcf8b328536010f5df1805282a8474b2e64ce1837c8192d7ab1e5d532e86',
  '20261130T1510_locations_tree.ts': '3ff1717c7f3cdb03871ce476d96eaa8f383c45e452d7c7a718e7762beadc40ae',
  '20261201T1000_asset_tag_unique.ts': 'cba18879ec676b5f8061a476a47e41ebfe3c33bfff36484e5ddd444aff91a03a',
  '20261201T1300_problems_changes.ts': 'b7d8a80e56b1a350706b443a29a5cb8b2edf581b769f0e311ece765b1e25ebf5',
  '20261201T1400_approvals.ts': '3308acf75d057cde69840a1816ebd5c01fe97698bd36bad97b3ccaa4dfa81ea4',
  '20261201T1500_list_sort_indexes.ts': '8bd1436d3cad79af98c300754771fd5e1c6aca370ff5d37a2c19b0d0fa06e17d',
  '20261130T1100_user_locale.ts': '40864348c42e36c5731b36cd9d6a45fe2cbff7bc3212b0e21edb963e778df961',
  '20261130T1420_agent_control.ts': '1fac441336dc3617a93f496ed1a554a491179e06af33587f4df6224a2f94aae9',
  '20261130T1450_home.ts': '2b05c5b0f5aabcfa5ab9336dda8e588e3114d3097bd94c6854d368317b41bc1c',
  '20261201T1200_device_keyed_tables.ts': 'd4ef0f6ef30d2fba043a102f2c0b10f69805102ee871d3947f3cd8d74f1ef318',
};

const DIR = path.resolve(import.meta.dirname, '../../../src/platform/db/migrations');
const RULE = 'a landed migration is never edited: write a new one';

async function migrationFiles(): Promise<string[]> {
  return (await readdir(DIR)).filter((f) => f.endsWith('.ts') && f !== 'index.ts').sort();
}

/** Line endings normalised, so a checkout that converts them (Windows, core.autocrlf) does not count as an edit. */
async function checksum(file: string): Promise<string> {
  const text = (await readFile(path.join(DIR, file), 'utf8')).replace(/\r\n/g, '\n');
  return createHash('sha256').update(text).digest('hex');
}

describe('landed migrations are frozen', () => {
  it('every migration file has its recorded checksum', async () => {
    const problems: string[] = [];
    for (const file of await migrationFiles()) {
      const recorded = LANDED[file];
      const actual = await checksum(file);
      if (recorded === undefined) {
        problems.push(`${file} has no recorded checksum: add '${file}': '${actual}' to LANDED in this test when it lands (from then on ${RULE})`);
      } else if (recorded !== actual) {
        problems.push(`${file} changed (sha256 ${actual}, recorded ${recorded}): ${RULE}; restore it (git checkout) and put the change in a new migration`);
      }
    }
    expect(problems, problems.join('\n')).toEqual([]);
  });

  it('no landed migration was removed', async () => {
    const files = new Set(await migrationFiles());
    const missing = Object.keys(LANDED).filter((f) => !files.has(f));
    expect(missing, `removed: ${missing.join(', ')}: databases have run them; ${RULE}`).toEqual([]);
  });

  it('every migration file is registered in migrations/index.ts, under its own name', async () => {
    const registered = Object.keys(await migrationProvider.getMigrations()).sort();
    expect(registered).toEqual((await migrationFiles()).map((f) => f.replace(/\.ts$/, '')));
  });
});
