import {
	clip,
	type BusRequest,
	type EditOutcome,
	type KnowledgeEdit,
	type ShardOutcome,
} from './messages.js';

/**
 * What a host does when asked, given by whoever wires the bus in: the bus only carries the
 * request and the reports. The same actions serve a request from Redis and the requester's own
 * host when Redis is down.
 */
export interface HostActions {
	/** The shards these actions reload (for the reports when a reload throws instead of reporting). */
	shardIds(): readonly number[];
	/** Reloads each of these shards (each swap atomic, as KnowledgeService does); one outcome per shard. */
	reload(): Promise<ShardOutcome[]>;
	/** Applies an edit to this host's copy of the knowledge folder (the byte-exact editor); absent = cannot. */
	applyEdit?(edit: KnowledgeEdit): Promise<EditOutcome>;
}

export interface Performed {
	shards: ShardOutcome[];
	edit?: EditOutcome;
}

const messageOf = (error: unknown) => clip(error instanceof Error ? error.message : String(error));

/**
 * Carries out a request: for an edit, the edit first and then the reload (whatever the edit's
 * outcome, so the report says which knowledge each shard serves). Never throws: a callback that
 * throws becomes a refused edit or failed shards, with its message.
 */
export async function perform(actions: HostActions, request: BusRequest): Promise<Performed> {
	let edit: EditOutcome | undefined;
	if (request.type === 'edit') {
		edit = actions.applyEdit
			? await actions
					.applyEdit(request.edit)
					.catch((error: unknown): EditOutcome => ({ status: 'refused', reason: messageOf(error) }))
			: { status: 'refused', reason: 'this host cannot apply knowledge edits' };
	}
	const shards = await actions
		.reload()
		.catch((error: unknown) =>
			actions.shardIds().map((shardId): ShardOutcome => ({ shardId, ok: false, reason: messageOf(error) })),
		);
	return edit ? { shards, edit } : { shards };
}
