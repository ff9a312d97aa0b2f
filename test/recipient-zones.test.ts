// Recipient zones: a phone number's candidate IANA zones, as libphonenumber's mapper answers or
// more. The whole table is held against the mapper's own logic in recipient-zones-oracle.test.ts.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { zonesForNumber } from '../src/time/recipient-zones';

describe('zonesForNumber', () => {
  // biome-ignore format: one case per line reads as a table
  const cases: [string, string, string[]][] = [
    ['New York', '+12125550123', ['America/New_York']],
    ['Los Angeles', '+13105550123', ['America/Los_Angeles']],
    ['Chicago', '+13125550123', ['America/Chicago']],
    ['Honolulu', '+18085550123', ['Pacific/Honolulu']],
    ['Alaska: two zones', '+19075550123', ['America/Adak', 'America/Anchorage']],
    ['London (landline)', '+442079460000', ['Europe/London']],
    ['a UK mobile: every UK zone, London named first', '+447400123456', ['Europe/London', 'Europe/Guernsey', 'Europe/Isle_of_Man', 'Europe/Jersey']],
    ['a Guernsey-range mobile too', '+447911123456', ['Europe/London', 'Europe/Guernsey', 'Europe/Isle_of_Man', 'Europe/Jersey']],
    ['an NZ mobile: Chatham too', '+64211234567', ['Pacific/Auckland', 'Pacific/Chatham']],
    ['Morocco: its own zone, not Atlantic/Canary', '+212650123456', ['Africa/Casablanca']],
    ['Algeria: its own zone, not Europe/Paris', '+21321123456', ['Africa/Algiers']],
    ['Nicaragua: its own zone, not America/Chicago', '+50581234567', ['America/Managua']],
    ['Ireland: Europe/Dublin, not the UK zones the packaged map names', '+35312345678', ['Europe/Dublin']],
    ['Kolkata (+5:30), under its current name', '+919876543210', ['Asia/Kolkata']],
    ['Sydney', '+61291234567', ['Australia/Sydney']],
    ['São Paulo', '+5511912345678', ['America/Sao_Paulo']],
    ['Toronto (Canada)', '+14165550123', ['America/Toronto']],
    ['Vancouver (Canada)', '+16045550123', ['America/Vancouver']],
    ['a WhatsApp number: its number decides', 'whatsapp:+12125550123', ['America/New_York']],
    ['WhatsApp in any case', 'WhatsApp:+919876543210', ['Asia/Kolkata']],
  ];
  for (const [name, number, zones] of cases) {
    it(name, () => assert.deepEqual(zonesForNumber(number), zones));
  }

  it('a toll-free +1 number may be anywhere in the North American plan: all 42 zones', () => {
    const zones = zonesForNumber('+18005550123');
    assert.equal(zones.length, 42);
    for (const zone of ['Pacific/Guam', 'America/Adak', 'America/St_Johns', 'Pacific/Honolulu']) {
      assert.ok(zones.includes(zone), zone);
    }
    // A mobile of a Caribbean member of the plan is not tied to its island, for libphonenumber.
    assert.deepEqual(zonesForNumber('+12684641234'), zones);
  });

  it('an Australian mobile: every zone of Australia, Perth and Lord Howe included', () => {
    const zones = zonesForNumber('+61412345678');
    assert.equal(zones.length, 8);
    for (const zone of ['Australia/Perth', 'Australia/Lord_Howe', 'Australia/Sydney']) {
      assert.ok(zones.includes(zone), zone);
    }
  });

  for (const invalid of [
    '+15550100',
    '+12125550',
    '+4400000000',
    '+15555550123',
    '+447700900123',
  ]) {
    it(`${invalid} is not a valid number for libphonenumber: no zone`, () =>
      assert.deepEqual(zonesForNumber(invalid), []));
  }

  for (const invalid of [
    '12125550123',
    '+0123456789',
    '+1212',
    '+1234567890123456',
    'whatsapp:12125550123',
    '+1 212 555 0123',
    'tel:+12125550123',
    '',
  ]) {
    it(`${JSON.stringify(invalid)} is not an E.164 number: no zone`, () =>
      assert.deepEqual(zonesForNumber(invalid), []));
  }

  it('a country code libphonenumber has no zone for gives no zone', () => {
    assert.deepEqual(zonesForNumber('+999123456789'), []);
  });

  it('answers current IANA names, never the retired ones libphonenumber uses', () => {
    for (const legacy of ['Asia/Calcutta', 'Asia/Katmandu', 'Asia/Rangoon', 'America/Godthab']) {
      for (let cc = 1; cc < 1000; cc++) {
        assert.ok(!zonesForNumber(`+${cc}00000000`).includes(legacy), `${cc}: ${legacy}`);
      }
    }
    assert.deepEqual(zonesForNumber('+97714123456'), ['Asia/Kathmandu']);
  });

  it('answers a copy: changing it does not change the next answer', () => {
    const first = zonesForNumber('+19075550123');
    first.pop();
    assert.deepEqual(zonesForNumber('+19075550123'), ['America/Adak', 'America/Anchorage']);
  });
});
