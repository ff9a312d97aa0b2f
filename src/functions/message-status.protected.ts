// POST /message-status: Twilio's status callback for the messages this service schedules.
import { defineHandler } from '../edge/handler';
import { messageStatus } from '../endpoints/message-status';

export const handler = defineHandler('message-status', messageStatus);
