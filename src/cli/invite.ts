/** `npm run invite`: prints the URL that adds the bot to a server with the permissions it uses. */
import { BOT_PERMISSIONS, inviteUrl } from '../discord/permissions.js';
import { loadConfigOrExit } from '../startup.js';
import { parseNoArgs } from './args.js';

parseNoArgs(
	[
		'npm run invite',
		'Prints the invite URL (scopes bot and applications.commands, the permissions the bot uses).',
		'Needs DISCORD_APPLICATION_ID, or DISCORD_TOKEN to read the id from (in the environment or .env).',
	].join('\n'),
);

const config = loadConfigOrExit();
if (!config.applicationId) {
	console.error(
		'DISCORD_APPLICATION_ID: needed to build the invite URL — set it (Developer Portal → your application → General Information → Application ID), or set DISCORD_TOKEN and the id is read from it.',
	);
	process.exit(1);
}
console.log(inviteUrl(config.applicationId));
console.log(`Permissions: ${Object.keys(BOT_PERMISSIONS).join(', ')}`);
