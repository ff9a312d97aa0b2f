// Finding what `npm run deploy` deployed: the Serverless service (by unique name, which twilio-run
// sets to the service name), its environment (by domain suffix, as twilio-run picks it) and the
// functions of the build that environment runs.
import type { Twilio } from 'twilio';
import type { DeployedFunction, Deployment } from './definition';
import { DeployFlowError, describeTwilioError, isNotFound } from './errors';

export interface ServiceTarget {
  /** A service SID (ZS…) or its unique name (`serviceName` in .twilioserverlessrc). */
  service: string;
  /** A domain suffix (`dev`, twilio-run's default), '' for production, or an environment SID (ZE…). */
  environment: string;
}

const ENVIRONMENT_SID = /^ZE[0-9a-f]{32}$/i;

interface BuildFunctionVersion {
  path?: string;
  function_sid?: string;
  visibility?: string;
}

export async function findDeployment(client: Twilio, target: ServiceTarget): Promise<Deployment> {
  const serverless = client.serverless.v1;
  const notDeployed = (what: string) =>
    new DeployFlowError(
      `${what} Deploy the functions first (\`npm run deploy\`), with the same credentials.`,
    );

  let service: Awaited<ReturnType<ReturnType<typeof serverless.services>['fetch']>>;
  try {
    service = await serverless.services(target.service).fetch();
  } catch (error) {
    if (isNotFound(error)) {
      throw notDeployed(`This account has no Functions service "${target.service}".`);
    }
    throw describeTwilioError('Looking up the Functions service', error);
  }

  let environments: Awaited<
    ReturnType<ReturnType<typeof serverless.services>['environments']['list']>
  >;
  try {
    environments = await serverless
      .services(service.sid)
      .environments.list({ pageSize: 50, limit: 200 });
  } catch (error) {
    throw describeTwilioError('Listing the environments of the service', error);
  }
  const label = environmentLabel(target.environment);
  const environment = ENVIRONMENT_SID.test(target.environment)
    ? environments.find((env) => env.sid === target.environment)
    : environments.find((env) => (env.domainSuffix ?? '') === target.environment);
  if (!environment) {
    throw notDeployed(`Service "${service.uniqueName}" has no ${label}.`);
  }
  if (!environment.buildSid) {
    throw notDeployed(`Nothing is deployed to the ${label} of "${service.uniqueName}".`);
  }

  let functionVersions: BuildFunctionVersion[];
  try {
    const build = await serverless.services(service.sid).builds(environment.buildSid).fetch();
    functionVersions = (build.functionVersions ?? []) as BuildFunctionVersion[];
  } catch (error) {
    throw describeTwilioError('Reading the deployed build', error);
  }
  const functions: DeployedFunction[] = functionVersions
    .filter(
      (version) => typeof version.path === 'string' && typeof version.function_sid === 'string',
    )
    .map((version) => ({
      path: version.path as string,
      sid: version.function_sid as string,
      visibility: version.visibility ?? 'public',
    }));

  return {
    serviceSid: service.sid,
    environmentSid: environment.sid,
    domainName: environment.domainName,
    functions,
  };
}

function environmentLabel(environment: string): string {
  if (ENVIRONMENT_SID.test(environment)) return `environment ${environment}`;
  return environment === '' ? 'production environment' : `"${environment}" environment`;
}
