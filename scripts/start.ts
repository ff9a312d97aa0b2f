// `npm start`: serve the built functions locally. Without real credentials in .env the functions
// talk to the local Messages emulator, so everything can be tried without a Twilio account.
import { startLocalStack } from './local-stack';

async function main(): Promise<void> {
  const port = Number(process.env.PORT ?? 3000);
  const stack = await startLocalStack({ port });
  const { url } = stack;
  const to = '+15551234567';

  console.log(`
Studio Message Scheduler is running at ${url}
${
  stack.emulator
    ? `Twilio calls go to the local Messages emulator at ${stack.emulator.url} (no account needed).
Add ACCOUNT_SID and AUTH_TOKEN to .env to use Twilio itself.`
    : 'Twilio calls go to Twilio, with the credentials in .env: messages are real.'
}

Try it (requests shaped like Studio's Run Function widget: form-encoded strings):

  # schedule "Ahoy" in 16 minutes
  curl -s -X POST ${url}/schedule-message \\
    --data-urlencode 'to=${to}' -d minutes=16 --data-urlencode 'body=Ahoy'

  # list what is scheduled for that number
  curl -s -X POST ${url}/scheduled-messages --data-urlencode 'to=${to}'

  # cancel one message (paste the sid from the first answer), or all of them with to=
  curl -s -X POST ${url}/cancel-message -d sid=SM...
  curl -s -X POST ${url}/cancel-message --data-urlencode 'to=${to}'

Press Ctrl-C to stop.
`);

  let stopping = false;
  const shutdown = async () => {
    if (stopping) return;
    stopping = true;
    await stack.stop();
    process.exit(0);
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
