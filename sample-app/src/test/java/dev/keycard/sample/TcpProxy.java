package dev.keycard.sample;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

/**
 * A TCP proxy on a loopback port of its own, in front of a real server, that a test can cut:
 * {@link #cut()} closes every connection through it and refuses new ones, as a network
 * partition or a database crash would; {@link #restore()} accepts connections again on the
 * same port.
 */
final class TcpProxy implements AutoCloseable {

	private final int targetPort;

	private final int port;

	private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();

	private volatile @Nullable ServerSocket listener;

	private TcpProxy(int targetPort, int port) {
		this.targetPort = targetPort;
		this.port = port;
	}

	/**
	 * Start a proxy to a port on this machine.
	 * @param targetPort the port of the real server on 127.0.0.1
	 * @return the proxy, accepting connections
	 */
	static TcpProxy to(int targetPort) {
		int port;
		try (ServerSocket probe = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
			port = probe.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		TcpProxy proxy = new TcpProxy(targetPort, port);
		proxy.restore();
		return proxy;
	}

	int port() {
		return this.port;
	}

	/**
	 * Close every connection and stop listening, so that new connections are refused.
	 */
	void cut() {
		ServerSocket current = this.listener;
		this.listener = null;
		closeQuietly(current);
		for (Socket socket : this.sockets) {
			closeQuietly(socket);
		}
		this.sockets.clear();
	}

	/**
	 * Listen on the proxy's port again.
	 */
	void restore() {
		try {
			ServerSocket server = new ServerSocket();
			server.setReuseAddress(true);
			server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), this.port), 50);
			this.listener = server;
			Thread acceptor = new Thread(() -> accept(server), "tcp-proxy-" + this.port);
			acceptor.setDaemon(true);
			acceptor.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public void close() {
		cut();
	}

	private void accept(ServerSocket server) {
		while (!server.isClosed()) {
			try {
				Socket client = server.accept();
				this.sockets.add(client);
				Socket target = connectToTarget(client);
				if (target == null || this.listener != server) {
					// The target refused, or a cut came while this connection was made: it goes too.
					closeQuietly(client);
					closeQuietly(target);
					continue;
				}
				this.sockets.add(target);
				pipe(client, target);
				pipe(target, client);
			}
			catch (SocketException ex) {
				// Closed by cut().
			}
			catch (IOException ex) {
				closeQuietly(server);
			}
		}
	}

	private @Nullable Socket connectToTarget(Socket client) {
		try {
			return new Socket(InetAddress.getLoopbackAddress(), this.targetPort);
		}
		catch (IOException ex) {
			closeQuietly(client);
			return null;
		}
	}

	private void pipe(Socket from, Socket to) {
		Thread pipe = new Thread(() -> {
			byte[] buffer = new byte[16 * 1024];
			try (InputStream input = from.getInputStream(); OutputStream output = to.getOutputStream()) {
				int read;
				while ((read = input.read(buffer)) != -1) {
					output.write(buffer, 0, read);
					output.flush();
				}
			}
			catch (IOException ex) {
				// The connection was cut or closed by either side.
			}
			finally {
				closeQuietly(from);
				closeQuietly(to);
				this.sockets.remove(from);
				this.sockets.remove(to);
			}
		}, "tcp-proxy-pipe");
		pipe.setDaemon(true);
		pipe.start();
	}

	private static void closeQuietly(@Nullable AutoCloseable closeable) {
		if (closeable != null) {
			try {
				closeable.close();
			}
			catch (Exception ex) {
				// Closing is all that matters.
			}
		}
	}

}
