// The parameters each endpoint accepts, derived from the endpoint declarations (src/contract/):
// deploy:flow checks a flow's Run Function widgets against them before it calls Twilio, and the
// tests check the flow and the code against them.
import type { EndpointDeclaration } from '../../src/contract/declaration';
import { ENDPOINTS } from '../../src/contract/endpoints';
import { SCHEDULE_MESSAGE } from '../../src/contract/schedule-message';

/** Every name (aliases included) of the parameters an endpoint declares, up to a version. */
const namesUpTo = (declaration: EndpointDeclaration, version: number): string[] =>
  Object.values(declaration.parameters)
    .filter((parameter) => parameter.since <= version)
    .flatMap((parameter) => [...parameter.names]);

/** What /schedule-message accepted in version 1 (aliases included). */
export const SCHEDULE_PARAMETERS: readonly string[] = namesUpTo(SCHEDULE_MESSAGE, 1);

/** The parameters each endpoint accepts, by path, every version included. */
export const ENDPOINT_PARAMETERS: Readonly<Record<string, readonly string[]>> = Object.fromEntries(
  ENDPOINTS.map((declaration) => [
    declaration.path,
    namesUpTo(declaration, Number.POSITIVE_INFINITY),
  ]),
);
