// GET or POST /scheduled-messages: list a recipient's scheduled messages.
import { defineHandler } from '../edge/handler';
import { listScheduledMessages } from '../endpoints/scheduled-messages';

export const handler = defineHandler('scheduled-messages', listScheduledMessages);
