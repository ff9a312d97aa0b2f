// POST /schedule-message: schedule an SMS, MMS or WhatsApp message (see docs/endpoints.md).
import { defineHandler } from '../edge/handler';
import { scheduleMessage } from '../endpoints/schedule-message';

export const handler = defineHandler('schedule-message', scheduleMessage);
