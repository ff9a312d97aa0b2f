// GET or POST /scheduled-messages: list a recipient's scheduled messages.
import { defineHandler } from '../lib/handler';
import { listScheduledMessages } from '../lib/scheduled-messages';

export const handler = defineHandler('scheduled-messages', listScheduledMessages);
