// POST /reply: an incoming message, answered as a reply to the sender's appointment.
import { defineHandler } from '../edge/handler';
import { replyWithText } from '../edge/reply-texts';

export const handler = defineHandler('reply', replyWithText);
