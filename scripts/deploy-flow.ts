// npm run deploy:flow: deploys flows/scheduler.json to Studio against the deployed Functions
// service. The logic lives in scripts/flow/; this file reads the inputs and prints the outcome.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import twilio from 'twilio';
import {
  DEFAULT_ENVIRONMENT,
  parseCli,
  readDotEnv,
  readServerlessRc,
  resolveCredentials,
  USAGE,
} from './flow/config';
import { type FlowDefinition, fillFlow } from './flow/definition';
import { deployFlow } from './flow/deploy';
import { DeployFlowError } from './flow/errors';
import { findDeployment } from './flow/service';

async function main(): Promise<void> {
  const cwd = resolve(import.meta.dirname, '..');
  const options = parseCli(process.argv.slice(2), process.env);
  if (options.help) {
    console.log(USAGE);
    return;
  }

  const envFile = resolve(cwd, options.envFile);
  const credentials = resolveCredentials(process.env, readDotEnv(envFile), options.envFile);
  const rc = readServerlessRc(cwd);
  const pkg = JSON.parse(readFileSync(join(cwd, 'package.json'), 'utf8')) as { name?: string };
  const service = options.serviceSid ?? options.serviceName ?? rc.serviceName ?? pkg.name;
  if (!service) throw new DeployFlowError('No service name: pass --service-name.');
  const environment = options.environment ?? rc.environment ?? DEFAULT_ENVIRONMENT;

  const flowPath = resolve(cwd, options.flowFile);
  if (!existsSync(flowPath)) throw new DeployFlowError(`No flow file at ${flowPath}.`);
  let template: FlowDefinition;
  try {
    template = JSON.parse(readFileSync(flowPath, 'utf8'));
  } catch (error) {
    throw new DeployFlowError(`${options.flowFile} is not valid JSON: ${(error as Error).message}`);
  }

  const client = twilio(credentials.username, credentials.password, {
    accountSid: credentials.accountSid,
  });
  console.log(
    `Account ${credentials.accountSid} (credentials from ${credentials.source}); ` +
      `service "${service}", environment "${environment || 'production'}".`,
  );
  const deployment = await findDeployment(client, { service, environment });
  console.log(
    `Found https://${deployment.domainName} with ${deployment.functions.map((fn) => fn.path).join(', ')}.`,
  );
  const definition = fillFlow(template, deployment);
  const result = await deployFlow(client, {
    definition,
    friendlyName: options.flowName,
    accountSid: credentials.accountSid,
    phoneNumber: options.phoneNumber,
    commitMessage: options.commitMessage,
    dryRun: options.dryRun,
    log: (line) => console.log(line),
  });
  if (result.webhookUrl) console.log(`Flow webhook: ${result.webhookUrl}`);
  if (!options.phoneNumber && !options.dryRun) {
    console.log(
      'No phone number given: pass --phone-number (or FLOW_PHONE_NUMBER) to route one to the flow.',
    );
  }
}

main().catch((error: unknown) => {
  if (error instanceof DeployFlowError) {
    console.error(`deploy:flow: ${error.message}`);
  } else {
    console.error('deploy:flow: unexpected failure');
    console.error(error);
  }
  process.exitCode = 1;
});
