// deploy:flow (scripts/flow/ and scripts/deploy-flow.ts). The real twilio library is used
// throughout; only its HTTP is replaced: by a small in-memory fake of the Serverless, Studio and
// phone-number APIs for the create-versus-update logic and idempotency, and by Prism serving
// Twilio's own Studio v2 and 2010 OpenAPI descriptions to prove each request is a valid one.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import { promisify } from 'node:util';
import twilio, { type Twilio } from 'twilio';
import { parseCli, readDotEnv, resolveCredentials } from '../scripts/flow/config';
import {
  type Deployment,
  type FlowDefinition,
  fillFlow,
  placeholder,
} from '../scripts/flow/definition';
import { deployFlow, flowWebhookUrl } from '../scripts/flow/deploy';
import { DeployFlowError } from '../scripts/flow/errors';
import { findDeployment } from '../scripts/flow/service';
import {
  createTransport,
  type TwilioHttpClient,
  type TwilioHttpResponse,
  type TwilioRequestOptions,
} from '../src/twilio/transport';
import { type PrismServer, startPrism } from './support/prism';

const ROOT = join(import.meta.dirname, '..');
const ACCOUNT = `AC${'1'.repeat(32)}`;
const TEMPLATE: FlowDefinition = JSON.parse(
  readFileSync(join(ROOT, 'flows/scheduler.json'), 'utf8'),
);
const sid = (prefix: string, n: number) => `${prefix}${n.toString(16).padStart(32, '0')}`;

const SERVICE_SID = sid('ZS', 1);
const ENV_SID = sid('ZE', 2);
const BUILD_SID = sid('ZB', 3);
const SCHEDULE_FN = sid('ZH', 4);
const CANCEL_FN = sid('ZH', 5);
const LIST_FN = sid('ZH', 6);
const REPLY_FN = sid('ZH', 7);
const DOMAIN = 'studio-message-scheduler-1234-dev.twil.io';
const NUMBER = '+15017122661';
const NUMBER_SID = sid('PN', 7);

interface RecordedRequest {
  method: string;
  host: string;
  path: string;
  params: Record<string, unknown>;
  data: Record<string, unknown>;
  status?: number;
}

const json = (statusCode: number, body: unknown): TwilioHttpResponse => ({
  statusCode,
  body: JSON.stringify(body),
  headers: { 'content-type': 'application/json' },
});
const notFound = () =>
  json(404, { code: 20404, message: 'The requested resource was not found', status: 404 });

// --- The fake ----------------------------------------------------------------------------------

interface FakeFlow {
  sid: string;
  friendly_name: string;
  status: string;
  revision: number;
  definition: unknown;
  commit_message: string | null;
}

interface FakeNumber {
  sid: string;
  phone_number: string;
  sms_url: string;
  sms_method: string;
  sms_application_sid: string;
}

/** Just enough of Twilio's Serverless, Studio v2 and IncomingPhoneNumbers APIs, in memory. */
class FakeTwilio implements TwilioHttpClient {
  requests: RecordedRequest[] = [];
  services = [{ sid: SERVICE_SID, unique_name: 'studio-message-scheduler' }];
  environments = [
    {
      sid: ENV_SID,
      service_sid: SERVICE_SID,
      build_sid: BUILD_SID as string | null,
      unique_name: 'dev-environment',
      domain_suffix: 'dev' as string | null,
      domain_name: DOMAIN,
    },
  ];
  functionVersions = [
    { path: '/schedule-message', function_sid: SCHEDULE_FN, visibility: 'protected' },
    { path: '/cancel-message', function_sid: CANCEL_FN, visibility: 'protected' },
    { path: '/scheduled-messages', function_sid: LIST_FN, visibility: 'protected' },
    { path: '/reply', function_sid: REPLY_FN, visibility: 'protected' },
  ];
  flows: FakeFlow[] = [];
  numbers: FakeNumber[] = [
    {
      sid: NUMBER_SID,
      phone_number: NUMBER,
      sms_url: 'https://demo.twilio.com/welcome/sms/reply',
      sms_method: 'POST',
      sms_application_sid: '',
    },
  ];
  /** Studio's verdict on a definition; throws nothing, answers 400 81022 when it returns false. */
  validates: (definition: unknown) => boolean = () => true;
  private nextFlow = 100;

  writes() {
    return this.requests.filter(
      (request) => request.method === 'POST' && !request.path.endsWith('/Validate'),
    );
  }

  async request(options: TwilioRequestOptions): Promise<TwilioHttpResponse> {
    const url = new URL(options.uri);
    const recorded: RecordedRequest = {
      method: options.method.toUpperCase(),
      host: url.hostname,
      path: url.pathname,
      params: { ...options.params },
      data: { ...options.data },
    };
    this.requests.push(recorded);
    const response = this.route(recorded);
    recorded.status = response.statusCode;
    return response;
  }

  private route({ method, host, path, data }: RecordedRequest): TwilioHttpResponse {
    const at = (pattern: RegExp) => pattern.exec(`${method} ${host}${path}`);
    const service = at(/^GET serverless\.twilio\.com\/v1\/Services\/([^/]+)$/);
    if (service) {
      const found = this.services.find((s) => s.sid === service[1] || s.unique_name === service[1]);
      return found ? json(200, found) : notFound();
    }
    const environments = at(/^GET serverless\.twilio\.com\/v1\/Services\/(ZS\w+)\/Environments$/);
    if (environments) {
      return json(200, {
        environments: this.environments.filter((env) => env.service_sid === environments[1]),
        meta: { key: 'environments', next_page_url: null, page: 0, page_size: 50 },
      });
    }
    const build = at(/^GET serverless\.twilio\.com\/v1\/Services\/(ZS\w+)\/Builds\/(ZB\w+)$/);
    if (build) {
      if (build[2] !== BUILD_SID) return notFound();
      return json(200, {
        sid: BUILD_SID,
        service_sid: build[1],
        status: 'completed',
        function_versions: this.functionVersions.map((version, i) => ({
          sid: sid('ZN', i + 1),
          service_sid: build[1],
          ...version,
        })),
        asset_versions: [],
      });
    }
    if (at(/^POST studio\.twilio\.com\/v2\/Flows\/Validate$/)) {
      if (!this.validates(JSON.parse(String(data.Definition)))) {
        return json(400, { code: 81022, message: 'Invalid Flow Definition', status: 400 });
      }
      return json(200, { valid: true });
    }
    if (at(/^GET studio\.twilio\.com\/v2\/Flows$/)) {
      return json(200, {
        flows: this.flows.map((flow) => ({ ...flow, definition: null })),
        meta: { key: 'flows', next_page_url: null, page: 0, page_size: 50 },
      });
    }
    if (at(/^POST studio\.twilio\.com\/v2\/Flows$/)) {
      const flow: FakeFlow = {
        sid: sid('FW', this.nextFlow++),
        friendly_name: String(data.FriendlyName),
        status: String(data.Status),
        revision: 1,
        definition: JSON.parse(String(data.Definition)),
        commit_message: (data.CommitMessage as string | undefined) ?? null,
      };
      this.flows.push(flow);
      return json(200, flow);
    }
    const flowPath = at(/^(GET|POST) studio\.twilio\.com\/v2\/Flows\/(FW\w+)$/);
    if (flowPath) {
      const flow = this.flows.find((candidate) => candidate.sid === flowPath[2]);
      if (!flow) return notFound();
      if (method === 'POST') {
        flow.status = String(data.Status);
        if (data.Definition !== undefined) flow.definition = JSON.parse(String(data.Definition));
        if (data.FriendlyName !== undefined) flow.friendly_name = String(data.FriendlyName);
        flow.commit_message = (data.CommitMessage as string | undefined) ?? null;
        flow.revision += 1;
      }
      return json(200, flow);
    }
    const numbers = `api\\.twilio\\.com/2010-04-01/Accounts/${ACCOUNT}/IncomingPhoneNumbers`;
    if (at(new RegExp(`^GET ${numbers}\\.json$`))) {
      const wanted = this.requests.at(-1)?.params.PhoneNumber;
      return json(200, {
        incoming_phone_numbers: this.numbers.filter((n) => n.phone_number === wanted),
        next_page_uri: null,
        page: 0,
        page_size: 20,
      });
    }
    const numberPath = at(new RegExp(`^(GET|POST) ${numbers}/(PN\\w+)\\.json$`));
    if (numberPath) {
      const number = this.numbers.find((candidate) => candidate.sid === numberPath[2]);
      if (!number) return notFound();
      if (method === 'POST') {
        if (data.SmsUrl !== undefined) number.sms_url = String(data.SmsUrl);
        if (data.SmsMethod !== undefined) number.sms_method = String(data.SmsMethod);
        if (data.SmsApplicationSid !== undefined) {
          number.sms_application_sid = String(data.SmsApplicationSid);
        }
      }
      return json(200, number);
    }
    return json(404, { code: 20404, message: `fake: no route for ${method} ${host}${path}` });
  }
}

function clientFor(httpClient: TwilioHttpClient, username = ACCOUNT, password = 'x'.repeat(32)) {
  return twilio(username, password, {
    accountSid: ACCOUNT,
    httpClient: httpClient as unknown as NonNullable<Parameters<typeof twilio>[2]>['httpClient'],
  });
}

async function deployOnce(client: Twilio, options: { phoneNumber?: string; name?: string } = {}) {
  const deployment = await findDeployment(client, {
    service: 'studio-message-scheduler',
    environment: 'dev',
  });
  return deployFlow(client, {
    definition: fillFlow(TEMPLATE, deployment),
    friendlyName: options.name ?? 'Message Scheduler',
    accountSid: ACCOUNT,
    phoneNumber: options.phoneNumber,
  });
}

// --- Finding the deployment and filling the flow --------------------------------------------------

describe('findDeployment and fillFlow', () => {
  let fake: FakeTwilio;
  let client: Twilio;
  beforeEach(() => {
    fake = new FakeTwilio();
    client = clientFor(fake);
  });

  it('finds the service by unique name, its dev environment and the functions of its build', async () => {
    const deployment = await findDeployment(client, {
      service: 'studio-message-scheduler',
      environment: 'dev',
    });
    assert.deepEqual(deployment, {
      serviceSid: SERVICE_SID,
      environmentSid: ENV_SID,
      domainName: DOMAIN,
      functions: [
        { path: '/schedule-message', sid: SCHEDULE_FN, visibility: 'protected' },
        { path: '/cancel-message', sid: CANCEL_FN, visibility: 'protected' },
        { path: '/scheduled-messages', sid: LIST_FN, visibility: 'protected' },
        { path: '/reply', sid: REPLY_FN, visibility: 'protected' },
      ],
    });
  });

  it('fills every run-function widget with the URL and SIDs of the function at its path', async () => {
    const deployment = await findDeployment(client, {
      service: SERVICE_SID,
      environment: ENV_SID,
    });
    const filled = fillFlow(TEMPLATE, deployment);
    const widgets = filled.states.filter((state) => state.type === 'run-function');
    assert.deepEqual(
      widgets.map((state) => [
        state.name,
        state.properties.url,
        state.properties.service_sid,
        state.properties.environment_sid,
        state.properties.function_sid,
      ]),
      [
        [
          'schedule_message',
          `https://${DOMAIN}/schedule-message`,
          SERVICE_SID,
          ENV_SID,
          SCHEDULE_FN,
        ],
        [
          'schedule_reminder',
          `https://${DOMAIN}/schedule-message`,
          SERVICE_SID,
          ENV_SID,
          SCHEDULE_FN,
        ],
        ['cancel_scheduled', `https://${DOMAIN}/cancel-message`, SERVICE_SID, ENV_SID, CANCEL_FN],
        ['reply_to_appointment', `https://${DOMAIN}/reply`, SERVICE_SID, ENV_SID, REPLY_FN],
        [
          'book_appointment',
          `https://${DOMAIN}/schedule-message`,
          SERVICE_SID,
          ENV_SID,
          SCHEDULE_FN,
        ],
      ],
    );
    assert.doesNotMatch(JSON.stringify(filled), /\$\{/);
    // The template itself is left as it was.
    assert.match(JSON.stringify(TEMPLATE), /\$\{DOMAIN_NAME\}/);
  });

  it('an account without the service: a clear "deploy first" error', async () => {
    fake.services = [];
    await assert.rejects(
      findDeployment(client, { service: 'studio-message-scheduler', environment: 'dev' }),
      (error: Error) =>
        error instanceof DeployFlowError &&
        /no Functions service "studio-message-scheduler"/.test(error.message) &&
        /npm run deploy/.test(error.message),
    );
  });

  it('a service without that environment, or with nothing deployed to it', async () => {
    await assert.rejects(
      findDeployment(client, { service: 'studio-message-scheduler', environment: 'stage' }),
      /has no "stage" environment\. Deploy the functions first/,
    );
    (fake.environments[0] as { build_sid: string | null }).build_sid = null;
    await assert.rejects(
      findDeployment(client, { service: 'studio-message-scheduler', environment: 'dev' }),
      /Nothing is deployed to the "dev" environment/,
    );
  });

  it('a build without an endpoint the flow calls, or a placeholder outside a service widget', () => {
    const deployment: Deployment = {
      serviceSid: SERVICE_SID,
      environmentSid: ENV_SID,
      domainName: DOMAIN,
      functions: [{ path: '/schedule-message', sid: SCHEDULE_FN, visibility: 'protected' }],
    };
    assert.throws(() => fillFlow(TEMPLATE, deployment), /calls \/cancel-message, but the deployed/);
    const stray = structuredClone(TEMPLATE);
    (stray.states[0] as { properties: Record<string, unknown> }).properties.note =
      placeholder('SERVICE_SID');
    deployment.functions.push(
      { path: '/cancel-message', sid: CANCEL_FN, visibility: 'protected' },
      { path: '/reply', sid: REPLY_FN, visibility: 'protected' },
    );
    assert.throws(() => fillFlow(stray, deployment), /still holds \$\{SERVICE_SID\}/);
  });
});

// --- Create, update, idempotency ---------------------------------------------------------------

describe('deployFlow against the fake', () => {
  let fake: FakeTwilio;
  let client: Twilio;
  beforeEach(() => {
    fake = new FakeTwilio();
    client = clientFor(fake);
  });

  it('first run: validates, then creates the flow published, then points the number at it', async () => {
    const result = await deployOnce(client, { phoneNumber: NUMBER });
    const flow = fake.flows[0];
    assert.ok(flow);
    assert.equal(fake.flows.length, 1);
    assert.equal(result.flow, 'created');
    assert.equal(result.flowSid, flow.sid);
    assert.equal(flow.friendly_name, 'Message Scheduler');
    assert.equal(flow.status, 'published');
    assert.match(JSON.stringify(flow.definition), new RegExp(`https://${DOMAIN}/schedule-message`));

    const studio = fake.requests.filter((request) => request.host === 'studio.twilio.com');
    assert.deepEqual(
      studio.map((request) => `${request.method} ${request.path}`),
      ['POST /v2/Flows/Validate', 'GET /v2/Flows', 'POST /v2/Flows'],
    );
    assert.deepEqual(
      JSON.parse(String(studio[0]?.data.Definition)),
      JSON.parse(String(studio[2]?.data.Definition)),
      'the definition created is the one validated',
    );

    const webhook = `https://webhooks.twilio.com/v1/Accounts/${ACCOUNT}/Flows/${flow.sid}`;
    assert.equal(result.webhookUrl, webhook);
    assert.equal(flowWebhookUrl(ACCOUNT, flow.sid), webhook);
    assert.deepEqual(fake.numbers[0], {
      sid: NUMBER_SID,
      phone_number: NUMBER,
      sms_url: webhook,
      sms_method: 'POST',
      sms_application_sid: '',
    });
    assert.deepEqual(result.phoneNumber, {
      sid: NUMBER_SID,
      phoneNumber: NUMBER,
      action: 'updated',
    });
  });

  it('second run: changes nothing (no write at all), reports the flow unchanged', async () => {
    await deployOnce(client, { phoneNumber: NUMBER });
    const before = structuredClone({ flows: fake.flows, numbers: fake.numbers });
    fake.requests.length = 0;

    const second = await deployOnce(client, { phoneNumber: NUMBER });
    assert.deepEqual({ flows: fake.flows, numbers: fake.numbers }, before);
    assert.deepEqual(fake.writes(), []);
    assert.equal(second.flow, 'unchanged');
    assert.equal(second.revision, 1);
    assert.equal(second.phoneNumber?.action, 'unchanged');
  });

  it('a changed definition updates the same flow: new revision, no second flow', async () => {
    await deployOnce(client);
    const first = fake.flows[0] as FakeFlow;
    fake.functionVersions[0] = { ...fake.functionVersions[0], function_sid: sid('ZH', 99) } as {
      path: string;
      function_sid: string;
      visibility: string;
    };
    fake.requests.length = 0;

    const result = await deployOnce(client);
    assert.equal(fake.flows.length, 1);
    assert.equal(result.flow, 'updated');
    assert.equal(result.flowSid, first.sid);
    assert.equal(first.revision, 2);
    assert.equal(result.revision, 2);
    assert.match(JSON.stringify(first.definition), new RegExp(sid('ZH', 99)));
    assert.deepEqual(
      fake.writes().map((request) => `${request.method} ${request.path}`),
      [`POST /v2/Flows/${first.sid}`],
    );
    assert.equal(fake.writes()[0]?.data.Status, 'published');
  });

  it('a flow of that name made elsewhere (a draft) is updated and published, not duplicated', async () => {
    fake.flows.push({
      sid: sid('FW', 1),
      friendly_name: 'Message Scheduler',
      status: 'draft',
      revision: 3,
      definition: { states: [] },
      commit_message: null,
    });
    fake.flows.push({
      sid: sid('FW', 2),
      friendly_name: 'Another flow',
      status: 'published',
      revision: 1,
      definition: { states: [] },
      commit_message: null,
    });
    const result = await deployOnce(client);
    assert.equal(result.flow, 'updated');
    assert.equal(result.flowSid, sid('FW', 1));
    assert.equal(fake.flows.length, 2);
    assert.equal(fake.flows[0]?.status, 'published');
    assert.deepEqual(fake.flows[1]?.definition, { states: [] });
  });

  it('the same definition saved as a draft is published again', async () => {
    await deployOnce(client);
    (fake.flows[0] as FakeFlow).status = 'draft';
    const result = await deployOnce(client);
    assert.equal(result.flow, 'updated');
    assert.equal(fake.flows[0]?.status, 'published');
  });

  it('two flows of that name: an error, and nothing written', async () => {
    for (const n of [1, 2]) {
      fake.flows.push({
        sid: sid('FW', n),
        friendly_name: 'Message Scheduler',
        status: 'published',
        revision: 1,
        definition: {},
        commit_message: null,
      });
    }
    await assert.rejects(deployOnce(client), /2 Studio flows are named "Message Scheduler"/);
    assert.deepEqual(fake.writes(), []);
  });

  it('a definition Studio rejects: the error says so, nothing is created', async () => {
    fake.validates = () => false;
    await assert.rejects(
      deployOnce(client),
      (error: Error) =>
        error instanceof DeployFlowError &&
        /Validating the flow with Studio failed: Twilio answered 400 \(error 81022\)/.test(
          error.message,
        ),
    );
    assert.deepEqual(fake.writes(), []);
  });

  it('a number that is not in the account: a clear error after the flow is deployed', async () => {
    await assert.rejects(
      deployOnce(client, { phoneNumber: '+15550009999' }),
      /\+15550009999 is not a phone number of this account/,
    );
    await assert.rejects(deployOnce(client, { phoneNumber: '555-0009' }), /neither E\.164/);
  });

  it('a number routed to a TwiML App is taken off it, or SmsUrl would be ignored', async () => {
    (fake.numbers[0] as FakeNumber).sms_application_sid = sid('AP', 1);
    const result = await deployOnce(client, { phoneNumber: NUMBER_SID });
    assert.equal(result.phoneNumber?.action, 'updated');
    assert.equal(fake.numbers[0]?.sms_application_sid, '');
    assert.equal(fake.numbers[0]?.sms_url, result.webhookUrl);
  });

  it('a dry run validates and writes nothing', async () => {
    const deployment = await findDeployment(client, {
      service: 'studio-message-scheduler',
      environment: 'dev',
    });
    const result = await deployFlow(client, {
      definition: fillFlow(TEMPLATE, deployment),
      friendlyName: 'Message Scheduler',
      accountSid: ACCOUNT,
      phoneNumber: NUMBER,
      dryRun: true,
    });
    assert.equal(result.flow, 'validated');
    assert.deepEqual(fake.writes(), []);
    assert.ok(fake.requests.some((request) => request.path === '/v2/Flows/Validate'));
  });

  it('a structurally broken definition is refused before any call to Twilio', async () => {
    const broken = structuredClone(TEMPLATE);
    broken.initial_state = 'Nowhere';
    await assert.rejects(
      deployFlow(client, { definition: broken, friendlyName: 'x', accountSid: ACCOUNT }),
      /"initial_state" \(Nowhere\) is not a widget/,
    );
    assert.deepEqual(fake.requests, []);
  });

  it('Twilio refusing the credentials: the error names the variables to check', async () => {
    const refusing: TwilioHttpClient = {
      request: async () => json(401, { code: 20003, message: 'Authenticate', status: 401 }),
    };
    await assert.rejects(
      findDeployment(clientFor(refusing), { service: 'x', environment: 'dev' }),
      /Twilio answered 401 \(error 20003\).*TWILIO_API_KEY/,
    );
  });
});

// --- Inputs ------------------------------------------------------------------------------------

describe('deploy:flow inputs', () => {
  const key = sid('SK', 1);

  it('credentials: an API key from the environment, else ACCOUNT_SID/AUTH_TOKEN from .env', () => {
    assert.deepEqual(
      resolveCredentials(
        { TWILIO_ACCOUNT_SID: ACCOUNT, TWILIO_API_KEY: key, TWILIO_API_SECRET: 's3cret' },
        { ACCOUNT_SID: sid('AC', 9), AUTH_TOKEN: 't' },
      ),
      { accountSid: ACCOUNT, username: key, password: 's3cret', source: 'TWILIO_API_KEY' },
    );
    assert.deepEqual(resolveCredentials({}, { ACCOUNT_SID: ACCOUNT, AUTH_TOKEN: 'token' }), {
      accountSid: ACCOUNT,
      username: ACCOUNT,
      password: 'token',
      source: 'ACCOUNT_SID',
    });
  });

  it('credentials: missing or half given is a clear error that never echoes a secret', () => {
    assert.throws(
      () => resolveCredentials({}, {}),
      /No Twilio credentials\. Set TWILIO_ACCOUNT_SID/,
    );
    assert.throws(
      () => resolveCredentials({ TWILIO_API_KEY: key, TWILIO_API_SECRET: 'hunter2' }, {}),
      (error: Error) =>
        /TWILIO_ACCOUNT_SID is not set/.test(error.message) && !error.message.includes('hunter2'),
    );
    assert.throws(
      () => resolveCredentials({}, { ACCOUNT_SID: 'AC123', AUTH_TOKEN: 'x' }),
      /ACCOUNT_SID must be an account SID/,
    );
  });

  it('.env files: read by node:util parseEnv (comments, quotes and export as dotenv does)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'deploy-flow-'));
    try {
      const path = join(dir, '.env');
      writeFileSync(
        path,
        '# comment\nACCOUNT_SID=AC1 # trailing\nexport AUTH_TOKEN="quoted value"\nEMPTY=\n',
      );
      assert.deepEqual(readDotEnv(path), {
        ACCOUNT_SID: 'AC1',
        AUTH_TOKEN: 'quoted value',
        EMPTY: '',
      });
      assert.deepEqual(readDotEnv(join(dir, 'absent')), {});
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('options: flow name and phone number from flags or FLOW_NAME / FLOW_PHONE_NUMBER', () => {
    assert.deepEqual(
      parseCli(['--phone-number', NUMBER, '--flow-name', 'Reminders', '--production'], {}),
      {
        flowFile: 'flows/scheduler.json',
        flowName: 'Reminders',
        phoneNumber: NUMBER,
        serviceName: undefined,
        serviceSid: undefined,
        environment: '',
        envFile: '.env',
        commitMessage: undefined,
        dryRun: false,
        help: false,
      },
    );
    const fromEnv = parseCli([], { FLOW_PHONE_NUMBER: NUMBER, FLOW_NAME: '' });
    assert.equal(fromEnv.phoneNumber, NUMBER);
    assert.equal(fromEnv.flowName, 'Message Scheduler');
    assert.throws(() => parseCli(['--nope'], {}), /Unknown option '--nope'/);
  });

  it('the CLI without credentials exits 1 with a one-line explanation, no stack trace', async () => {
    const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME };
    const result = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', join(ROOT, 'scripts/deploy-flow.ts'), '--env', '/nonexistent/.env'],
      { cwd: ROOT, env, timeout: 30_000 },
    ).then(
      () => ({ code: 0, stderr: '' }),
      (error: { code: number; stderr: string }) => error,
    );
    assert.equal(result.code, 1);
    assert.match(result.stderr, /^deploy:flow: No Twilio credentials\./);
    assert.doesNotMatch(result.stderr, /\n\s+at /);
  });
});

// --- Against Prism: every request is one Twilio's OpenAPI description allows ---------------------

describe('deploy:flow against Prism (Twilio Studio v2 and 2010 OpenAPI)', () => {
  let studioPrism: PrismServer;
  let apiPrism: PrismServer;
  let fake: FakeTwilio;
  let seen: RecordedRequest[];

  /** Routes by host: Studio and the 2010 API to their Prism, Serverless (not described there) to the fake. */
  function routingClient(): TwilioHttpClient {
    const prisms: Record<string, string> = {
      'studio.twilio.com': studioPrism.url,
      'api.twilio.com': apiPrism.url,
    };
    return {
      async request(options) {
        const url = new URL(options.uri);
        const base = prisms[url.hostname];
        if (!base) return fake.request(options);
        const response = await createTransport({
          deadline: Date.now() + 20_000,
          baseUrl: base,
        }).request(options);
        seen.push({
          method: options.method.toUpperCase(),
          host: url.hostname,
          path: url.pathname,
          params: { ...options.params },
          data: { ...options.data },
          status: response.statusCode,
        });
        return response;
      },
    };
  }

  before(async () => {
    [studioPrism, apiPrism] = await Promise.all([
      startPrism('twilio_studio_v2.json'),
      startPrism('twilio_api_v2010.json'),
    ]);
  });
  after(async () => {
    await Promise.all([studioPrism?.stop(), apiPrism?.stop()]);
  });
  beforeEach(() => {
    fake = new FakeTwilio();
    seen = [];
  });

  it('Prism refuses an invalid Studio request (the check below can fail)', async () => {
    const response = await createTransport({
      deadline: Date.now() + 20_000,
      baseUrl: studioPrism.url,
    }).request({
      method: 'post',
      uri: 'https://studio.twilio.com/v2/Flows',
      username: ACCOUNT,
      password: 'x'.repeat(32),
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      data: { FriendlyName: 'Bad status', Status: 'live', Definition: '{}' },
    });
    assert.equal(response.statusCode, 422, response.body);
  });

  it('create path: Validate and Flows create are valid Studio v2 requests', async () => {
    // Prism's canned list holds one flow, "Test Flow": another name takes the create path.
    const result = await deployOnce(clientFor(routingClient()), { name: 'Message Scheduler' });
    assert.equal(result.flow, 'created');
    assert.deepEqual(
      seen.map((request) => `${request.method} ${request.path} ${request.status}`),
      ['POST /v2/Flows/Validate 200', 'GET /v2/Flows 200', 'POST /v2/Flows 201'],
    );
    const create = seen[2] as RecordedRequest;
    assert.equal(create.data.Status, 'published');
    assert.equal(JSON.parse(String(create.data.Definition)).initial_state, 'Trigger');
  });

  it('update path and phone number: Flows fetch/update and IncomingPhoneNumbers list/update are valid', async () => {
    // "Test Flow" exists in Prism's example with another definition: the update path. The
    // example number list holds +18089255327 with an empty SmsUrl: it gets pointed at the flow.
    const result = await deployOnce(clientFor(routingClient(), sid('SK', 1), 'secret'), {
      name: 'Test Flow',
      phoneNumber: '+18089255327',
    });
    assert.equal(result.flow, 'updated');
    const flowSid = result.flowSid as string;
    assert.match(flowSid, /^FW[0-9a-f]{32}$/);
    assert.deepEqual(
      seen.map((request) => `${request.method} ${request.path} ${request.status}`),
      [
        'POST /v2/Flows/Validate 200',
        'GET /v2/Flows 200',
        `GET /v2/Flows/${flowSid} 200`,
        `POST /v2/Flows/${flowSid} 200`,
        `GET /2010-04-01/Accounts/${ACCOUNT}/IncomingPhoneNumbers.json 200`,
        `POST /2010-04-01/Accounts/${ACCOUNT}/IncomingPhoneNumbers/PNaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.json 200`,
      ],
    );
    const update = seen[5] as RecordedRequest;
    assert.deepEqual(update.data, {
      SmsUrl: `https://webhooks.twilio.com/v1/Accounts/${ACCOUNT}/Flows/${flowSid}`,
      SmsMethod: 'POST',
    });
  });
});
