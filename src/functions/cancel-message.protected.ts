// POST /cancel-message: cancel one scheduled message (sid) or all of a recipient's (to).
import { cancelMessage } from '../lib/cancel-message';
import { defineHandler } from '../lib/handler';

export const handler = defineHandler('cancel-message', cancelMessage);
