// deploy:flow's inputs: command-line options, credentials from the environment or .env, and the
// service name and environment from .twilioserverlessrc (as twilio-run reads them).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DeployFlowError } from './errors';

export const DEFAULT_FLOW_FILE = 'flows/scheduler.json';
export const DEFAULT_FLOW_NAME = 'Message Scheduler';
/** twilio-run's default `--environment`. */
export const DEFAULT_ENVIRONMENT = 'dev';

export interface CliOptions {
  flowFile: string;
  flowName: string;
  phoneNumber?: string | undefined;
  serviceName?: string | undefined;
  serviceSid?: string | undefined;
  environment?: string | undefined;
  envFile: string;
  commitMessage?: string | undefined;
  dryRun: boolean;
  help: boolean;
}

export const USAGE = `Usage: npm run deploy:flow -- [options]

Checks the flow file offline (structure, placeholders, each Run Function widget's endpoint and
parameters), then fills in the deployed service's URL and SIDs, validates the flow with Studio,
creates or updates the flow of that name, publishes it, and optionally points a phone number at it.

Options:
  --flow FILE            flow definition to deploy (default ${DEFAULT_FLOW_FILE})
  --flow-name NAME       Studio flow to create or update (env FLOW_NAME;
                         default "${DEFAULT_FLOW_NAME}")
  --phone-number NUMBER  E.164 number (+15551234567) or PN SID whose incoming messages start
                         the flow (env FLOW_PHONE_NUMBER; default: leave numbers alone)
  --service-name NAME    Functions service to take the URLs and SIDs from
                         (default: serviceName in .twilioserverlessrc, else package.json name)
  --service-sid ZS...    the same service by SID, instead of --service-name
  --environment SUFFIX   the service's environment: domain suffix or ZE SID
                         (default: environment in .twilioserverlessrc, else "dev")
  --production           the production environment (no domain suffix); not with --environment
  --env FILE             .env file to read ACCOUNT_SID and AUTH_TOKEN from (default .env)
  --commit-message TEXT  message of the new Studio revision
                         (default "Deployed by npm run deploy:flow")
  --dry-run              check everything, change nothing: the offline checks always; with
                         credentials also the deployed service and Studio's validation, without
                         them it says which of those it skipped
  -h, --help             show this text

Credentials: TWILIO_ACCOUNT_SID with TWILIO_API_KEY and TWILIO_API_SECRET (or TWILIO_AUTH_TOKEN)
from the environment, else ACCOUNT_SID and AUTH_TOKEN from the environment or the .env file.`;

export function parseCli(argv: string[], env: NodeJS.ProcessEnv): CliOptions {
  let values: ReturnType<typeof parse>['values'];
  try {
    values = parse(argv).values;
  } catch (error) {
    // Node's first sentence names the option; the rest is advice about positionals.
    const [first] = (error as Error).message.split(/(?<=\.) /);
    throw new DeployFlowError(`${first?.replace(/\.$/, '')}: see --help for the options.`);
  }
  const blankToUndefined = (value: string | undefined) =>
    value === undefined || value.trim() === '' ? undefined : value.trim();
  if (values.production && values.environment !== undefined) {
    throw new DeployFlowError('Give --environment or --production, not both.');
  }
  return {
    flowFile: values.flow ?? DEFAULT_FLOW_FILE,
    flowName: blankToUndefined(values['flow-name'] ?? env.FLOW_NAME) ?? DEFAULT_FLOW_NAME,
    phoneNumber: blankToUndefined(values['phone-number'] ?? env.FLOW_PHONE_NUMBER),
    serviceName: blankToUndefined(values['service-name']),
    serviceSid: blankToUndefined(values['service-sid']),
    environment: values.production ? '' : values.environment,
    envFile: values.env ?? '.env',
    commitMessage: blankToUndefined(values['commit-message']),
    dryRun: values['dry-run'] ?? false,
    help: values.help ?? false,
  };
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      flow: { type: 'string' },
      'flow-name': { type: 'string' },
      'phone-number': { type: 'string' },
      'service-name': { type: 'string' },
      'service-sid': { type: 'string' },
      environment: { type: 'string' },
      production: { type: 'boolean' },
      env: { type: 'string' },
      'commit-message': { type: 'string' },
      'dry-run': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}

/**
 * The entries of a .env file, read by Node's own parser (as `node --env-file` does: comments,
 * quotes and `export` handled); {} when there is no such file.
 */
export { readDotEnv } from '../env-file';

/** None of the credentials is set (as opposed to a half-given or malformed set). */
export class NoCredentialsError extends DeployFlowError {
  override name = 'NoCredentialsError';
}

export interface Credentials {
  accountSid: string;
  /** API key SID (SK…) or the account SID. */
  username: string;
  /** API key secret or auth token. */
  password: string;
  source: string;
}

const ACCOUNT_SID = /^AC[0-9a-f]{32}$/i;
const API_KEY = /^SK[0-9a-f]{32}$/i;

/**
 * TWILIO_ACCOUNT_SID + TWILIO_API_KEY/TWILIO_API_SECRET (what CI and the Twilio CLI use), or
 * TWILIO_ACCOUNT_SID + TWILIO_AUTH_TOKEN, else ACCOUNT_SID/AUTH_TOKEN from the environment or
 * .env (what twilio-run deploy reads). Never echoes a secret.
 */
export function resolveCredentials(
  env: Record<string, string | undefined>,
  dotEnv: Record<string, string>,
  envFile = '.env',
): Credentials {
  const get = (source: Record<string, string | undefined>, key: string) => {
    const value = source[key]?.trim();
    return value === undefined || value === '' ? undefined : value;
  };
  const twilioAccount = get(env, 'TWILIO_ACCOUNT_SID');
  const apiKey = get(env, 'TWILIO_API_KEY');
  const apiSecret = get(env, 'TWILIO_API_SECRET');
  const twilioToken = get(env, 'TWILIO_AUTH_TOKEN');

  if (apiKey !== undefined || apiSecret !== undefined) {
    const missing = [
      twilioAccount === undefined && 'TWILIO_ACCOUNT_SID',
      apiKey === undefined && 'TWILIO_API_KEY',
      apiSecret === undefined && 'TWILIO_API_SECRET',
    ].filter(Boolean);
    if (missing.length > 0) {
      throw new DeployFlowError(
        `An API key needs TWILIO_ACCOUNT_SID, TWILIO_API_KEY and TWILIO_API_SECRET; ` +
          `${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} not set.`,
      );
    }
    checkAccountSid(twilioAccount as string, 'TWILIO_ACCOUNT_SID');
    if (!API_KEY.test(apiKey as string)) {
      throw new DeployFlowError('TWILIO_API_KEY must be an API key SID: SK followed by 32 hex.');
    }
    return {
      accountSid: twilioAccount as string,
      username: apiKey as string,
      password: apiSecret as string,
      source: 'TWILIO_API_KEY',
    };
  }
  if (twilioAccount !== undefined && twilioToken !== undefined) {
    checkAccountSid(twilioAccount, 'TWILIO_ACCOUNT_SID');
    return {
      accountSid: twilioAccount,
      username: twilioAccount,
      password: twilioToken,
      source: 'TWILIO_AUTH_TOKEN',
    };
  }
  const accountSid = get(env, 'ACCOUNT_SID') ?? get(dotEnv, 'ACCOUNT_SID');
  const authToken = get(env, 'AUTH_TOKEN') ?? get(dotEnv, 'AUTH_TOKEN');
  if (accountSid !== undefined && authToken !== undefined) {
    checkAccountSid(accountSid, 'ACCOUNT_SID');
    return { accountSid, username: accountSid, password: authToken, source: 'ACCOUNT_SID' };
  }
  throw new NoCredentialsError(
    'No Twilio credentials. Set TWILIO_ACCOUNT_SID with TWILIO_API_KEY and TWILIO_API_SECRET ' +
      `in the environment, or ACCOUNT_SID and AUTH_TOKEN in ${envFile}.`,
  );
}

function checkAccountSid(value: string, name: string): void {
  if (!ACCOUNT_SID.test(value)) {
    throw new DeployFlowError(`${name} must be an account SID: AC followed by 32 hex characters.`);
  }
}

export interface ServerlessRc {
  serviceName?: string;
  environment?: string;
}

/** serviceName and environment as twilio-run deploy sees them: top level, then commands.deploy. */
export function readServerlessRc(cwd: string): ServerlessRc {
  const path = join(cwd, '.twilioserverlessrc');
  if (!existsSync(path)) return {};
  let rc: Record<string, unknown>;
  try {
    rc = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    throw new DeployFlowError(`${path} is not JSON; deploy:flow reads it as JSON.`);
  }
  const deploy = ((rc.commands as Record<string, unknown> | undefined)?.deploy ?? {}) as Record<
    string,
    unknown
  >;
  const pick = (key: string): string | undefined => {
    const value = deploy[key] ?? rc[key];
    return typeof value === 'string' ? value : undefined;
  };
  const out: ServerlessRc = {};
  const serviceName = pick('serviceName');
  const environment = pick('environment');
  if (serviceName !== undefined) out.serviceName = serviceName;
  if (environment !== undefined) out.environment = environment;
  return out;
}
