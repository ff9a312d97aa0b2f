// POST /schedule-message: schedule an SMS, MMS or WhatsApp message (see README).
import { defineHandler } from '../lib/handler';
import { scheduleMessage } from '../lib/schedule-message';

export const handler = defineHandler('schedule-message', scheduleMessage);
