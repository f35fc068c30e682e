import { beforeEach, describe, expect, it } from 'vitest';
import { ASSET_IMPORT_ERROR_CODES } from '@parc/shared/api';
import { englishMessage } from '../../src/assets/import/asset-import-errors.js';
import { importErrorText } from '../../src/ui/client/asset-import-errors.js';
import { setLocale } from '../../src/ui/client/i18n/i18n.js';

/** The import's row errors worded by the client from code and params, in English and French. */
beforeEach(() => setLocale('en', []));

const params = { value: '31/02/2024', max: 8, min: 1, name: 'Accueil', tag: 'T-1', serial: 'SN-1', type: 'monitor', row: 2, ids: '#3, #4', deviceId: 3 };
const err = (code: (typeof ASSET_IMPORT_ERROR_CODES)[number]) => ({ code, params, message: englishMessage({ code, params }) });

describe('import errors in the client', () => {
  it('words every code in both languages, naming its params', () => {
    for (const code of ASSET_IMPORT_ERROR_CODES) expect(importErrorText(err(code))).not.toBe('');
    expect(importErrorText(err('date-not-a-day'))).toBe('“31/02/2024” is not a day of the calendar');
    expect(importErrorText(err('serial-in-file-twice'))).toBe('serial SN-1 (Monitor) is already on row 2');
    expect(importErrorText(err('rows-match-one-asset'))).toBe('this row and row 2 both match asset #3');
    setLocale('fr', ['fr-FR']);
    expect(importErrorText(err('date-not-a-day'))).toBe('« 31/02/2024 » n’est pas un jour du calendrier');
    expect(importErrorText(err('serial-in-file-twice'))).toBe('le numéro de série SN-1 (Écran) est déjà à la ligne 2');
    expect(importErrorText(err('location-too-deep'))).toBe('« 31/02/2024 » a plus de 8 niveaux');
    const fr = ASSET_IMPORT_ERROR_CODES.map((code) => importErrorText(err(code)));
    setLocale('en', []);
    const en = ASSET_IMPORT_ERROR_CODES.map((code) => importErrorText(err(code)));
    expect(fr.filter((text, i) => text === en[i])).toEqual([]);
  });

  it('shows the server’s English for a code it does not know yet', () => {
    expect(importErrorText({ code: 'from-a-newer-server' as never, params: {}, message: 'something new' })).toBe('something new');
  });
});
