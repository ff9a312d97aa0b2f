// GET or POST /scheduled-messages: list a recipient's scheduled messages (and a tag's appointment).
import { defineHandler } from '../edge/handler';
import { listWithAppointment } from '../endpoints/appointment-listing';

export const handler = defineHandler('scheduled-messages', listWithAppointment);
