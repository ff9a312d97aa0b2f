// npm run deploy:flow: deploys flows/scheduler.json to Studio against the deployed Functions
// service. The logic lives in scripts/flow/; this file reads the inputs, runs the offline checks
// first (so a mistake is found before any call to Twilio, and a dry run works with no account),
// and prints the outcome. Every failure the user can fix is one line (see failureText).
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import twilio from 'twilio';
import {
  type CliOptions,
  type Credentials,
  DEFAULT_ENVIRONMENT,
  NoCredentialsError,
  parseCli,
  readDotEnv,
  readServerlessRc,
  resolveCredentials,
  USAGE,
} from './flow/config';
import { type FlowDefinition, fillFlow } from './flow/definition';
import { checkPhoneNumber, deployFlow } from './flow/deploy';
import { DeployFlowError, failureText } from './flow/errors';
import { checkFlowOffline, localDeploySet, ONLINE_ONLY } from './flow/offline-check';
import { findDeployment } from './flow/service';

const ROOT = resolve(import.meta.dirname, '..');

function readFlowFile(flowFile: string): unknown {
  const path = resolve(ROOT, flowFile);
  if (!existsSync(path)) throw new DeployFlowError(`No flow file at ${path}.`);
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new DeployFlowError(`${flowFile} is not valid JSON: ${(error as Error).message}`);
  }
}

/** The credentials; in a dry run, none at all is not an error: the online part is skipped. */
function credentialsFor(options: CliOptions): Credentials | undefined {
  const dotEnv = readDotEnv(resolve(ROOT, options.envFile));
  try {
    return resolveCredentials(process.env, dotEnv, options.envFile);
  } catch (error) {
    if (options.dryRun && error instanceof NoCredentialsError) return undefined;
    throw error;
  }
}

async function main(): Promise<void> {
  const options = parseCli(process.argv.slice(2), process.env);
  if (options.help) {
    console.log(USAGE);
    return;
  }
  if (options.phoneNumber !== undefined) checkPhoneNumber(options.phoneNumber);
  const rc = readServerlessRc(ROOT);
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { name?: string };
  const service = options.serviceSid ?? options.serviceName ?? rc.serviceName ?? pkg.name;
  if (!service) throw new DeployFlowError('No service name: pass --service-name.');
  const environment = options.environment ?? rc.environment ?? DEFAULT_ENVIRONMENT;
  const target = `service "${service}", environment "${environment || 'production'}"`;

  const template = readFlowFile(options.flowFile);
  // Past this check the template is a sound FlowDefinition.
  const problems = checkFlowOffline(template, localDeploySet(ROOT));
  if (problems.length > 0) {
    throw new DeployFlowError(
      `${options.flowFile} has ${problems.length} problem${problems.length > 1 ? 's' : ''}; ` +
        `nothing was sent to Twilio:\n- ${problems.join('\n- ')}`,
    );
  }
  console.log(
    `${options.flowFile}: offline checks passed (structure, placeholders, ` +
      'each Run Function widget calls a deployed endpoint with parameters it takes).',
  );

  const credentials = credentialsFor(options);
  if (!credentials) {
    console.log(
      `Dry run without Twilio credentials (${target}). Not checked, as they need Twilio:\n` +
        ONLINE_ONLY.map((what) => `- ${what}`).join('\n') +
        '\nNothing was changed. Set the credentials (see --help) to check these too.',
    );
    return;
  }

  const client = twilio(credentials.username, credentials.password, {
    accountSid: credentials.accountSid,
  });
  console.log(
    `Account ${credentials.accountSid} (credentials from ${credentials.source}); ${target}.`,
  );
  const deployment = await findDeployment(client, { service, environment });
  console.log(
    `Found https://${deployment.domainName} with ${deployment.functions.map((fn) => fn.path).join(', ')}.`,
  );
  const definition = fillFlow(template as FlowDefinition, deployment);
  const result = await deployFlow(client, {
    definition,
    friendlyName: options.flowName,
    accountSid: credentials.accountSid,
    phoneNumber: options.phoneNumber,
    commitMessage: options.commitMessage,
    dryRun: options.dryRun,
    log: (line) => console.log(line),
  });
  if (options.dryRun) {
    console.log(
      'Dry run: nothing was created, updated or routed (whether the flow exists and the ' +
        'phone number were not looked up).',
    );
    return;
  }
  if (result.webhookUrl) console.log(`Flow webhook: ${result.webhookUrl}`);
  if (!options.phoneNumber) {
    console.log(
      'No phone number given: pass --phone-number (or FLOW_PHONE_NUMBER) to route one to the flow.',
    );
  }
}

main().catch((error: unknown) => {
  console.error(failureText(error));
  process.exitCode = 1;
});
