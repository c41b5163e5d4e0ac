/**
 * A TCP proxy a test puts between the bot and a server (PostgreSQL, Redis) to cut the connection
 * without touching the server, which other programs on the machine may be using. Two ways to cut:
 * `refuse` (the server went away: open connections are reset, new ones refused) and `blackhole`
 * (the network went away: connections stay open, or are taken, and nothing more passes either way,
 * as with a partition or a dropped route). `restore()` lets new connections through again.
 */
import { createServer, Socket, type Server } from 'node:net';

export type Cut = 'refuse' | 'blackhole';

export class TcpProxy {
	readonly #server: Server;
	readonly #pairs = new Set<[Socket, Socket]>();
	#state: 'open' | Cut = 'open';
	#port = 0;

	private constructor(
		readonly targetHost: string,
		readonly targetPort: number,
	) {
		this.#server = createServer((client) => this.#accept(client));
	}

	/** Listens on a free port of 127.0.0.1, forwarding to `targetHost:targetPort`. */
	static async start(targetHost: string, targetPort: number): Promise<TcpProxy> {
		const proxy = new TcpProxy(targetHost, targetPort);
		await new Promise<void>((resolve, reject) => {
			proxy.#server.once('error', reject);
			proxy.#server.listen(0, '127.0.0.1', () => resolve());
		});
		const address = proxy.#server.address();
		if (typeof address !== 'object' || !address) throw new Error('the proxy has no port');
		proxy.#port = address.port;
		return proxy;
	}

	get port(): number {
		return this.#port;
	}

	/** Connections passed through so far (open or closed), to tell that the client came back. */
	connections = 0;

	/** Connections taken and never answered while blackholed, to tell that the client tried again meanwhile. */
	swallowed = 0;

	#accept(client: Socket): void {
		client.on('error', () => undefined);
		if (this.#state === 'refuse') {
			client.resetAndDestroy();
			return;
		}
		if (this.#state === 'blackhole') {
			// Taken, and never answered: what a client sees when the route is gone.
			this.swallowed++;
			client.pause();
			this.#pairs.add([client, client]);
			return;
		}
		this.connections++;
		const server = new Socket();
		server.on('error', () => client.destroy());
		client.on('error', () => server.destroy());
		const pair: [Socket, Socket] = [client, server];
		this.#pairs.add(pair);
		const forget = () => this.#pairs.delete(pair);
		client.once('close', () => {
			server.destroy();
			forget();
		});
		server.once('close', () => {
			client.destroy();
			forget();
		});
		server.connect(this.targetPort, this.targetHost, () => {
			client.pipe(server);
			server.pipe(client);
		});
	}

	/** Cuts every connection, now and until `restore()`. */
	cut(how: Cut): void {
		this.#state = how;
		for (const [client, server] of [...this.#pairs]) {
			if (how === 'refuse') {
				client.resetAndDestroy();
				server.destroy();
				continue;
			}
			// Nothing more passes; both ends believe the connection is still there.
			client.unpipe(server);
			server.unpipe(client);
			client.pause();
			server.pause();
		}
		if (how === 'refuse') this.#pairs.clear();
	}

	/** Lets new connections through again; connections cut while blackholed stay dead (as after a partition, they time out). */
	restore(): void {
		this.#state = 'open';
	}

	async close(): Promise<void> {
		for (const [client, server] of this.#pairs) {
			client.destroy();
			server.destroy();
		}
		this.#pairs.clear();
		await new Promise<void>((resolve) => this.#server.close(() => resolve()));
	}
}
