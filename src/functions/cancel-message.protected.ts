// POST /cancel-message: cancel one scheduled message (sid) or all of a recipient's (to).

import { defineHandler } from '../edge/handler';
import { cancelMessage } from '../endpoints/cancel-message';

export const handler = defineHandler('cancel-message', cancelMessage);
