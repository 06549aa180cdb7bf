package dev.keycard.sample;

import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.function.ToIntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Clients that each count their own visits on {@code GET /visits}, each with its own cookie jar
 * and each request going to the next of several application instances in turn, until they are
 * stopped, while a test kills the Redis primary that holds some of their sessions. Nothing is
 * assumed of how a failover behaves: every response is accounted for. A 503 counts as no visit.
 * A count lower than the next one expected is a loss (the increments the killed primary had
 * acknowledged but not yet sent its replica); a count higher is a request answered 503 whose
 * increment was saved all the same. At the end each client reads {@code GET /session} and must
 * find its own last count.
 */
final class FailoverLoad {

	private static final Pattern VISITS = Pattern.compile("You have visited (\\d+) times");

	private final List<Integer> ports;

	private final int clients;

	private final AtomicInteger visits = new AtomicInteger();

	/** When each client's last visit was answered, a {@link System#nanoTime()} reading. */
	private final AtomicLongArray lastVisits;

	private final ExecutorService executor;

	private final List<Future<ClientReport>> running = new ArrayList<>();

	private volatile boolean stopped;

	private FailoverLoad(List<Integer> ports, int clients) {
		this.ports = ports;
		this.clients = clients;
		this.executor = Executors.newFixedThreadPool(clients);
		this.lastVisits = new AtomicLongArray(clients);
		for (int client = 0; client < clients; client++) {
			this.lastVisits.set(client, Long.MIN_VALUE);
		}
	}

	/**
	 * Start clients, each sending its requests to the instances in turn.
	 * @param ports the ports of the application instances, which share one store
	 * @param clients the number of concurrent clients
	 * @return the running load
	 */
	static FailoverLoad start(List<Integer> ports, int clients) {
		FailoverLoad load = new FailoverLoad(ports, clients);
		for (int client = 0; client < clients; client++) {
			int number = client;
			load.running.add(load.executor.submit(() -> load.runClient(number)));
		}
		return load;
	}

	/**
	 * Return how many visits were answered 200 so far.
	 * @return the visits
	 */
	int visits() {
		return this.visits.get();
	}

	/**
	 * Return whether every client has had a visit answered since a moment.
	 * @param moment a {@link System#nanoTime()} reading
	 * @return whether each one has
	 */
	boolean everyClientVisitedSince(long moment) {
		for (int client = 0; client < this.clients; client++) {
			if (this.lastVisits.get(client) <= moment) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Stop every client after its request in flight, and account for what each saw.
	 * @return each client's accounting
	 * @throws Exception if a client could not be run
	 */
	Report stop() throws Exception {
		this.stopped = true;
		try {
			List<ClientReport> reports = new ArrayList<>();
			for (Future<ClientReport> client : this.running) {
				reports.add(client.get(2, TimeUnit.MINUTES));
			}
			return new Report(reports);
		}
		finally {
			this.executor.shutdownNow();
		}
	}

	private ClientReport runClient(int number) {
		CookieManager cookies = new CookieManager();
		HttpClient client = HttpClient.newBuilder().cookieHandler(cookies).build();
		ClientReport.Builder report = new ClientReport.Builder(number);
		int requests = 0;
		while (!this.stopped && report.errors.size() < 10) {
			int port = this.ports.get(requests++ % this.ports.size());
			long sent = System.nanoTime();
			HttpResponse<String> response;
			try {
				response = send(client, port, "/visits");
			}
			catch (IOException ex) {
				report.errors.add("request " + requests + " to port " + port + " failed "
						+ millis(System.nanoTime() - sent) + " ms after it was sent: " + ex
						+ ((ex.getCause() != null) ? ", caused by " + ex.getCause() : ""));
				continue;
			}
			long answered = System.nanoTime();
			Matcher visits = VISITS.matcher(response.body());
			if (response.statusCode() == 200 && visits.matches()) {
				report.visited(Integer.parseInt(visits.group(1)), answered);
				this.visits.incrementAndGet();
				this.lastVisits.set(number, answered);
			}
			else if (response.statusCode() == 503) {
				report.unavailable(sent, answered);
			}
			else {
				report.errors.add("request " + requests + " to port " + port + " answered " + response.statusCode()
						+ ": " + response.body());
			}
		}
		report.cookie = cookies.getCookieStore()
			.getCookies()
			.stream()
			.filter((cookie) -> cookie.getName().equals("session"))
			.map(HttpCookie::getValue)
			.findFirst()
			.orElse(null);
		try {
			HttpResponse<String> session = send(client, this.ports.get(0), "/session");
			Object count = Browser.parseJsonObject(session.body()).get("count");
			if (session.statusCode() != 200 || !Integer.valueOf(report.lastCount).equals(count)) {
				report.errors.add("GET /session answered " + session.statusCode() + " " + session.body() + " after "
						+ report.lastCount + " visits");
			}
		}
		catch (IOException ex) {
			report.errors.add("GET /session failed: " + ex);
		}
		return report.build();
	}

	private static HttpResponse<String> send(HttpClient client, int port, String path) throws IOException {
		// A request that hangs fails the client instead of hanging the test with it.
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
			.timeout(Duration.ofSeconds(30))
			.build();
		// The status and headers, kept so that a body cut short still tells what it was.
		AtomicReference<HttpResponse.@Nullable ResponseInfo> head = new AtomicReference<>();
		try {
			return client.send(request, (info) -> {
				head.set(info);
				return HttpResponse.BodySubscribers.ofString(StandardCharsets.UTF_8);
			});
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("Interrupted while waiting for a response", ex);
		}
		catch (IOException ex) {
			HttpResponse.ResponseInfo info = head.get();
			if (info == null) {
				throw ex;
			}
			throw new IOException("the body of a " + info.statusCode() + " response with headers "
					+ info.headers().map() + " was cut short", ex);
		}
	}

	private static long millis(long nanos) {
		return TimeUnit.NANOSECONDS.toMillis(nanos);
	}

	/**
	 * What one client saw. Times are {@link System#nanoTime()} readings.
	 *
	 * @param client the client's number
	 * @param cookie its session cookie at the end
	 * @param lastCount the last count it was shown, which its session holds at the end
	 * @param visits its requests answered 200
	 * @param lost increments lost: how far counts went back
	 * @param lostAt when each loss was seen
	 * @param savedUnanswered requests answered 503 whose increment was saved all the same
	 * @param unavailable requests answered 503
	 * @param firstUnavailableSent when the first request answered 503 was sent, or
	 * {@link Long#MAX_VALUE}
	 * @param lastUnavailableAnswered when the last 503 was answered, or {@link Long#MIN_VALUE}
	 * @param visitedAt when each visit was answered, in order
	 * @param errors every answer that was neither a visit nor a 503, and every broken count
	 */
	record ClientReport(int client, @Nullable String cookie, int lastCount, int visits, int lost, List<Long> lostAt,
			int savedUnanswered, int unavailable, long firstUnavailableSent, long lastUnavailableAnswered,
			List<Long> visitedAt, List<String> errors) {

		/**
		 * Return when the first visit answered after a moment was.
		 * @param moment a {@link System#nanoTime()} reading
		 * @return the first visit's answer time after it, or {@link Long#MAX_VALUE} if none
		 */
		long firstVisitAfter(long moment) {
			return this.visitedAt.stream().filter((answered) -> answered > moment).findFirst().orElse(Long.MAX_VALUE);
		}

		/**
		 * Return the visits answered after a moment.
		 * @param moment a {@link System#nanoTime()} reading
		 * @return how many
		 */
		long visitsAfter(long moment) {
			return this.visitedAt.stream().filter((answered) -> answered > moment).count();
		}

		private static final class Builder {

			private final int client;

			private final List<String> errors = new ArrayList<>();

			private final List<Long> lostAt = new ArrayList<>();

			private final List<Long> visitedAt = new ArrayList<>();

			private @Nullable String cookie;

			private int lastCount;

			private int lost;

			private int savedUnanswered;

			private int unavailable;

			private long firstUnavailableSent = Long.MAX_VALUE;

			private long lastUnavailableAnswered = Long.MIN_VALUE;

			Builder(int client) {
				this.client = client;
			}

			void visited(int count, long answered) {
				int expected = this.lastCount + 1;
				if (count < expected) {
					if (count < 1) {
						this.errors.add("after " + this.lastCount + " visits the count was " + count);
					}
					this.lost += expected - count;
					this.lostAt.add(answered);
				}
				else if (count > expected) {
					this.savedUnanswered += count - expected;
				}
				this.lastCount = count;
				this.visitedAt.add(answered);
			}

			void unavailable(long sent, long answered) {
				this.unavailable++;
				this.firstUnavailableSent = Math.min(this.firstUnavailableSent, sent);
				this.lastUnavailableAnswered = Math.max(this.lastUnavailableAnswered, answered);
			}

			ClientReport build() {
				return new ClientReport(this.client, this.cookie, this.lastCount, this.visitedAt.size(), this.lost,
						List.copyOf(this.lostAt), this.savedUnanswered, this.unavailable, this.firstUnavailableSent,
						this.lastUnavailableAnswered, List.copyOf(this.visitedAt),
						Collections.unmodifiableList(this.errors));
			}

		}

	}

	/**
	 * What a group of clients saw.
	 *
	 * @param clients each client's accounting
	 */
	record Report(List<ClientReport> clients) {

		/**
		 * Return the report of some of the clients.
		 * @param which the clients to keep
		 * @return their report
		 */
		Report of(Predicate<ClientReport> which) {
			return new Report(this.clients.stream().filter(which).toList());
		}

		int size() {
			return this.clients.size();
		}

		int visits() {
			return sum(ClientReport::visits);
		}

		int unavailable() {
			return sum(ClientReport::unavailable);
		}

		int lost() {
			return sum(ClientReport::lost);
		}

		int savedUnanswered() {
			return sum(ClientReport::savedUnanswered);
		}

		List<String> errors() {
			return this.clients.stream()
				.flatMap((client) -> client.errors()
					.stream()
					.map((error) -> "client " + client.client() + ": " + error))
				.toList();
		}

		/**
		 * Return how long after a moment the last of these clients to be refused was served again.
		 * @param moment a {@link System#nanoTime()} reading: when the store failed
		 * @return the time until every one was served again
		 */
		Duration servedAgainAfter(long moment) {
			long last = this.clients.stream()
				.mapToLong((client) -> client.firstVisitAfter(Math.max(moment, client.lastUnavailableAnswered())))
				.max()
				.orElse(moment);
			return Duration.ofNanos(last - moment);
		}

		private int sum(ToIntFunction<ClientReport> figure) {
			return this.clients.stream().mapToInt(figure).sum();
		}

	}

}
