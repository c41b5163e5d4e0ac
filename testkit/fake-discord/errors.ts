/** The REST errors the stand-in answers with, in Discord's shapes. */
import { formErrorBody, type FieldError } from './validation.js';

/** Thrown by a route; the server answers with `status` and `body`. */
export class HttpError extends Error {
	constructor(
		readonly status: number,
		readonly body: unknown,
	) {
		super(`HTTP ${status}`);
	}
}

/** 404 "Unknown …" with Discord's JSON error code (10003 Unknown Channel, 10008 Unknown Message, …). */
export const unknown = (what: string, code: number) =>
	new HttpError(404, { message: `Unknown ${what}`, code });

/** 400 "Invalid Form Body" with the field errors nested as Discord nests them. */
export const invalidForm = (errors: FieldError[]) => new HttpError(400, formErrorBody(errors));

/** 400 "Invalid Form Body" for one missing field. */
export const required = (path: string) =>
	invalidForm([{ path, code: 'BASE_TYPE_REQUIRED', message: 'This field is required' }]);
