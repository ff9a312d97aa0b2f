// Deploying a filled-in flow: validate it with Studio, create it or update the flow of the same
// name, publish it, and point a phone number's incoming messages at it. Idempotent: a second run
// with the same definition writes nothing.
import type { Twilio } from 'twilio';
import { checkFlowDefinition, type FlowDefinition, sameDefinition } from './definition';
import { DeployFlowError, describeTwilioError } from './errors';

export interface DeployFlowOptions {
  /** The definition with the service already filled in (see fillFlow). */
  definition: FlowDefinition;
  /** The flow's friendly name: the flow of this name is updated, or created. */
  friendlyName: string;
  /** The account the flow lives in (AC…), for its webhook URL. */
  accountSid: string;
  /** E.164 number (+15551234567) or its SID (PN…) to route incoming messages to the flow. */
  phoneNumber?: string | undefined;
  commitMessage?: string | undefined;
  /** Validate only: create, update and the number are left alone. */
  dryRun?: boolean | undefined;
  log?: (line: string) => void;
}

export type FlowAction = 'created' | 'updated' | 'unchanged' | 'validated';
export type NumberAction = 'updated' | 'unchanged' | 'skipped';

export interface DeployFlowResult {
  flowSid?: string;
  revision?: number;
  flow: FlowAction;
  webhookUrl?: string;
  phoneNumber?: { sid: string; phoneNumber: string; action: NumberAction };
}

/** What Studio calls a flow from a phone number's SmsUrl. */
export function flowWebhookUrl(accountSid: string, flowSid: string): string {
  return `https://webhooks.twilio.com/v1/Accounts/${accountSid}/Flows/${flowSid}`;
}

const FLOW_LIST_LIMIT = 1000;
const PHONE_NUMBER_SID = /^PN[0-9a-f]{32}$/i;
const E164 = /^\+[1-9]\d{6,14}$/;

export async function deployFlow(
  client: Twilio,
  options: DeployFlowOptions,
): Promise<DeployFlowResult> {
  const log = options.log ?? (() => {});
  const { definition, friendlyName } = options;
  const studio = client.studio.v2;

  const problems = checkFlowDefinition(definition);
  if (problems.length > 0) {
    throw new DeployFlowError(`The flow definition is not valid:\n- ${problems.join('\n- ')}`);
  }
  if (options.phoneNumber !== undefined) checkPhoneNumber(options.phoneNumber);

  let valid: boolean;
  try {
    ({ valid } = await studio.flowValidate.update({
      friendlyName,
      status: 'published',
      definition,
    }));
  } catch (error) {
    throw describeTwilioError('Validating the flow with Studio', error);
  }
  if (!valid) throw new DeployFlowError('Studio found the flow definition invalid.');
  log(`Studio validated flow "${friendlyName}".`);
  if (options.dryRun) return { flow: 'validated' };

  let existing: Awaited<ReturnType<typeof studio.flows.list>>;
  try {
    existing = (await studio.flows.list({ pageSize: 50, limit: FLOW_LIST_LIMIT })).filter(
      (flow) => flow.friendlyName === friendlyName,
    );
  } catch (error) {
    throw describeTwilioError('Listing the Studio flows', error);
  }
  if (existing.length > 1) {
    throw new DeployFlowError(
      `${existing.length} Studio flows are named "${friendlyName}" ` +
        `(${existing.map((flow) => flow.sid).join(', ')}): rename or delete all but one.`,
    );
  }

  const commitMessage = options.commitMessage ?? 'Deployed by npm run deploy:flow';
  let flowSid: string;
  let revision: number;
  let action: FlowAction;
  const [found] = existing;
  if (!found) {
    try {
      const flow = await studio.flows.create({
        friendlyName,
        status: 'published',
        definition,
        commitMessage,
      });
      ({ sid: flowSid, revision } = flow);
    } catch (error) {
      throw describeTwilioError(`Creating flow "${friendlyName}"`, error);
    }
    action = 'created';
  } else {
    flowSid = found.sid;
    let current: Awaited<ReturnType<ReturnType<typeof studio.flows>['fetch']>>;
    try {
      current = await studio.flows(flowSid).fetch();
    } catch (error) {
      throw describeTwilioError(`Reading flow ${flowSid}`, error);
    }
    if (current.status === 'published' && sameDefinition(current.definition, definition)) {
      revision = current.revision;
      action = 'unchanged';
    } else {
      try {
        const flow = await studio.flows(flowSid).update({
          status: 'published',
          definition,
          commitMessage,
        });
        revision = flow.revision;
      } catch (error) {
        throw describeTwilioError(`Updating flow ${flowSid}`, error);
      }
      action = 'updated';
    }
  }
  log(`Flow "${friendlyName}" (${flowSid}) ${action}, published revision ${revision}.`);

  const webhookUrl = flowWebhookUrl(options.accountSid, flowSid);
  const result: DeployFlowResult = { flowSid, revision, flow: action, webhookUrl };
  if (options.phoneNumber !== undefined) {
    result.phoneNumber = await routeNumberToFlow(client, options.phoneNumber, webhookUrl);
    log(
      `Incoming messages to ${result.phoneNumber.phoneNumber} go to the flow ` +
        `(${result.phoneNumber.action === 'updated' ? 'updated' : 'already so'}).`,
    );
  }
  return result;
}

/** A number deploy:flow can route: E.164 or a PN SID (checked before any call to Twilio). */
export function checkPhoneNumber(phoneNumber: string): void {
  if (!E164.test(phoneNumber) && !PHONE_NUMBER_SID.test(phoneNumber)) {
    throw new DeployFlowError(
      `The phone number "${phoneNumber}" is neither E.164 (+15551234567) nor a number SID (PN…).`,
    );
  }
}

/** Points a number of this account at the flow: SmsUrl = the flow's webhook, POST. */
async function routeNumberToFlow(
  client: Twilio,
  phoneNumber: string,
  webhookUrl: string,
): Promise<{ sid: string; phoneNumber: string; action: NumberAction }> {
  let number: Awaited<ReturnType<ReturnType<typeof client.incomingPhoneNumbers>['fetch']>>;
  try {
    if (PHONE_NUMBER_SID.test(phoneNumber)) {
      number = await client.incomingPhoneNumbers(phoneNumber).fetch();
    } else {
      const matches = (
        await client.incomingPhoneNumbers.list({ phoneNumber, pageSize: 20, limit: 20 })
      ).filter((candidate) => candidate.phoneNumber === phoneNumber);
      if (!matches[0]) {
        throw new DeployFlowError(
          `${phoneNumber} is not a phone number of this account, so it cannot be pointed at the ` +
            'flow. (WhatsApp senders are configured in the Console, see docs/deploy.md.)',
        );
      }
      number = matches[0];
    }
  } catch (error) {
    throw describeTwilioError(`Looking up the phone number ${phoneNumber}`, error);
  }

  const routed =
    number.smsUrl === webhookUrl &&
    (number.smsMethod ?? 'POST').toUpperCase() === 'POST' &&
    !number.smsApplicationSid;
  if (routed) return { sid: number.sid, phoneNumber: number.phoneNumber, action: 'unchanged' };

  const update: { smsUrl: string; smsMethod: 'POST'; smsApplicationSid?: string } = {
    smsUrl: webhookUrl,
    smsMethod: 'POST',
  };
  // A TwiML App on the number overrides SmsUrl: take it off, or the flow would never run.
  if (number.smsApplicationSid) update.smsApplicationSid = '';
  try {
    await client.incomingPhoneNumbers(number.sid).update(update);
  } catch (error) {
    throw describeTwilioError(`Pointing ${number.phoneNumber} at the flow`, error);
  }
  return { sid: number.sid, phoneNumber: number.phoneNumber, action: 'updated' };
}
