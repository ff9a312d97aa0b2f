// The console's variables as the config check reads them (scripts/check-config.ts): a short
// password or secret is named before anything starts, and a deploy refuses CONSOLE_LOCAL_KEY.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { configReport } from '../scripts/check-config';

const BASE = { MESSAGING_SERVICE_SID: `MG${'a'.repeat(32)}` };

describe('the console in the config check', () => {
  it('accepts no console, and a good password', () => {
    assert.equal(configReport(BASE).ok, true);
    // Sessions are then signed with the AUTH_TOKEN Twilio gives the deployed functions.
    assert.equal(
      configReport({ ...BASE, CONSOLE_PASSWORD: 'correct horse battery' } as never).ok,
      true,
    );
    const good = {
      ...BASE,
      CONSOLE_PASSWORD: 'correct horse battery',
      CONSOLE_SECRET: 's'.repeat(32),
    };
    assert.equal(configReport(good as never).ok, true);
  });

  it('names a short password, a short secret and a bad session length', () => {
    const report = (extra: Record<string, string>) =>
      configReport({ ...BASE, CONSOLE_SECRET: 's'.repeat(32), ...extra } as never);
    assert.match(
      report({ CONSOLE_PASSWORD: 'short' }).text,
      /CONSOLE_PASSWORD must be at least 12/,
    );
    assert.match(
      report({ CONSOLE_PASSWORD: 'correct horse battery', CONSOLE_SECRET: 'x' }).text,
      /CONSOLE_SECRET must be at least 32/,
    );
    assert.match(
      report({ CONSOLE_PASSWORD: 'correct horse battery', CONSOLE_SESSION_MINUTES: '0' }).text,
      /CONSOLE_SESSION_MINUTES must be a whole number from 1 to 1440/,
    );
  });

  it('refuses to deploy CONSOLE_LOCAL_KEY', () => {
    const env = { ...BASE, CONSOLE_LOCAL_KEY: 'k'.repeat(64) } as never;
    const deploy = configReport(env, { forDeploy: true });
    assert.equal(deploy.ok, false);
    assert.match(deploy.text, /CONSOLE_LOCAL_KEY must not be deployed/);
  });
});
