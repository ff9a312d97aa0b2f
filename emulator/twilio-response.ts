// A stand-in for `Twilio.Response`, the global the Functions runtime gives every function. The
// built functions/*.js call `new Twilio.Response()`; the tests and the bench run them in-process,
// so they install this class as that global and read back what the handler set.

export class ResponseStandIn {
  statusCode = 200;
  body: unknown;
  headers: Record<string, string> = {};
  setStatusCode(code: number) {
    this.statusCode = code;
    return this;
  }
  setBody(body: unknown) {
    this.body = body;
    return this;
  }
  appendHeader(key: string, value: string) {
    this.headers[key] = value;
    return this;
  }
  setHeaders(headers: Record<string, string>) {
    this.headers = { ...headers };
    return this;
  }
}

/** Makes `Twilio.Response` the stand-in, as the runtime's global is before a function loads. */
export function installResponseStandIn(): void {
  (globalThis as unknown as { Twilio: unknown }).Twilio = { Response: ResponseStandIn };
}
