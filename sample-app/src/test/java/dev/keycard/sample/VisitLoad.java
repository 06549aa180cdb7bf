package dev.keycard.sample;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.web.server.context.WebServerApplicationContext;

/**
 * Clients that each count their own visits on {@code GET /visits} with their own cookie jar,
 * concurrently, and account for every response: a visit answered 200 must show exactly the
 * next count. While an {@link Outage} is under way a 503 is allowed too, and counts as no
 * visit; a request that was in flight when the store went away may or may not have been
 * saved, so the next count may be one higher for each such request, never lower and never
 * more. At the end each client reads {@code GET /session} and must find its own last count.
 */
final class VisitLoad {

	private static final Pattern VISITS = Pattern.compile("You have visited (\\d+) times");

	private final int port;

	private final int clients;

	private final int visitsPerClient;

	private final AtomicInteger visits = new AtomicInteger();

	private @Nullable Outage outage;

	private VisitLoad(int port, int clients, int visitsPerClient) {
		this.port = port;
		this.clients = clients;
		this.visitsPerClient = visitsPerClient;
	}

	/**
	 * Prepare a load of clients, each counting the given number of visits.
	 * @param port the port of the application
	 * @param clients the number of concurrent clients
	 * @param visitsPerClient how many visits each client must see answered 200
	 * @return the load, not started
	 */
	static VisitLoad of(int port, int clients, int visitsPerClient) {
		return new VisitLoad(port, clients, visitsPerClient);
	}

	/**
	 * Allow 503 answers during an outage.
	 * @param outage the outage
	 * @return this load
	 */
	VisitLoad during(Outage outage) {
		this.outage = outage;
		return this;
	}

	/**
	 * Run the load to its end, sampling the application's busy request threads.
	 * @param application the running application
	 * @return the accounting of every client
	 * @throws Exception if a client could not be run
	 */
	Report run(WebServerApplicationContext application) throws Exception {
		IntSupplier busyThreads = busyThreads(application);
		ExecutorService executor = Executors.newFixedThreadPool(this.clients);
		AtomicInteger maxBusyThreads = new AtomicInteger();
		ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
		sampler.scheduleAtFixedRate(() -> maxBusyThreads.accumulateAndGet(busyThreads.getAsInt(), Math::max), 0, 10,
				TimeUnit.MILLISECONDS);
		long start = System.nanoTime();
		try {
			List<Future<ClientReport>> futures = new ArrayList<>();
			for (int client = 0; client < this.clients; client++) {
				int number = client;
				futures.add(executor.submit(() -> runClient(number)));
			}
			List<ClientReport> reports = new ArrayList<>();
			for (Future<ClientReport> future : futures) {
				reports.add(future.get(10, TimeUnit.MINUTES));
			}
			return new Report(reports, Duration.ofNanos(System.nanoTime() - start), maxBusyThreads.get());
		}
		finally {
			sampler.shutdownNow();
			executor.shutdownNow();
		}
	}

	/**
	 * Return how many visits were answered so far, to tell how far a running load has got.
	 * @return the visits answered 200
	 */
	int visits() {
		return this.visits.get();
	}

	/**
	 * The requests being served now, as {@link InFlightRequests} counts them: the busy request
	 * threads, platform or virtual. The application must have been started with it.
	 */
	static IntSupplier busyThreads(WebServerApplicationContext application) {
		return application.getBean(InFlightRequests.class)::count;
	}

	private ClientReport runClient(int number) {
		Browser browser = Browser.open(this.port);
		List<String> errors = new ArrayList<>();
		Outage outage = this.outage;
		int lastCount = 0;
		int inFlightSinceLastCount = 0;
		int committedInFlight = 0;
		int unavailable = 0;
		long slowestUnavailable = 0;
		int requests = 0;
		while (lastCount - committedInFlight < this.visitsPerClient && errors.size() < 10) {
			long sent = System.nanoTime();
			HttpResponse<String> response;
			try {
				response = browser.get("/visits");
			}
			catch (RuntimeException ex) {
				errors.add("request " + requests + " failed: " + ex);
				continue;
			}
			finally {
				requests++;
			}
			long answered = System.nanoTime();
			Matcher visits = VISITS.matcher(response.body());
			if (response.statusCode() == 200 && visits.matches()) {
				int count = Integer.parseInt(visits.group(1));
				if (count < lastCount + 1 || count > lastCount + 1 + inFlightSinceLastCount) {
					errors.add("after " + lastCount + " visits (" + inFlightSinceLastCount
							+ " requests in flight at the outage since) the count was " + count);
				}
				committedInFlight += count - (lastCount + 1);
				lastCount = count;
				inFlightSinceLastCount = 0;
				this.visits.incrementAndGet();
				if (outage != null) {
					outage.answered(answered);
				}
			}
			else if (response.statusCode() == 503 && outage != null && outage.covers(sent, answered)) {
				unavailable++;
				slowestUnavailable = Math.max(slowestUnavailable, answered - sent);
				if (outage.wasInFlightAtTheCut(sent)) {
					inFlightSinceLastCount++;
				}
			}
			else {
				errors.add("request " + requests + " answered " + response.statusCode() + ": " + response.body());
			}
		}
		Map<String, @Nullable Object> session = browser.session();
		if (!Integer.valueOf(lastCount).equals(session.get("count"))) {
			errors.add("GET /session shows " + session + " after " + lastCount + " visits");
		}
		return new ClientReport(number, requests, lastCount, committedInFlight, unavailable,
				Duration.ofNanos(slowestUnavailable), Collections.unmodifiableList(errors));
	}

	/**
	 * When a store was away: from just before it was cut until it came back, plus the time
	 * the application may take to notice.
	 */
	static final class Outage {

		private final Duration recovery;

		private volatile long cutStarted = Long.MAX_VALUE;

		private volatile long cutDone = Long.MAX_VALUE;

		private volatile long restored = Long.MAX_VALUE;

		private final AtomicLong firstVisitAfterRestore = new AtomicLong(Long.MAX_VALUE);

		/**
		 * Create an outage, not yet begun.
		 * @param recovery how long after the store's return 503 answers are still allowed
		 */
		Outage(Duration recovery) {
			this.recovery = recovery;
		}

		void cutting() {
			this.cutStarted = System.nanoTime();
		}

		void cut() {
			this.cutDone = System.nanoTime();
		}

		void restored() {
			this.restored = System.nanoTime();
		}

		void answered(long answered) {
			if (answered > this.restored) {
				this.firstVisitAfterRestore.accumulateAndGet(answered, Math::min);
			}
		}

		/**
		 * Return how long after the store's return the first visit was answered 200.
		 * @return the time to recover
		 */
		Duration recovery() {
			return Duration.ofNanos(this.firstVisitAfterRestore.get() - this.restored);
		}

		boolean covers(long sent, long answered) {
			long restored = this.restored;
			return answered >= this.cutStarted && (restored == Long.MAX_VALUE || sent - restored <= this.recovery.toNanos());
		}

		boolean wasInFlightAtTheCut(long sent) {
			return sent <= this.cutDone;
		}

	}

	/**
	 * What one client saw.
	 *
	 * @param client the client's number
	 * @param requests the requests it sent
	 * @param lastCount the last count it saw, and the count its session holds at the end
	 * @param committedInFlight requests answered 503 whose visit was saved all the same
	 * (they were in flight when the store went away)
	 * @param unavailable requests answered 503
	 * @param slowestUnavailable the longest wait for a 503
	 * @param errors everything that broke the accounting
	 */
	record ClientReport(int client, int requests, int lastCount, int committedInFlight, int unavailable,
			Duration slowestUnavailable, List<String> errors) {
	}

	/**
	 * What all clients saw.
	 *
	 * @param clients each client's report
	 * @param took how long the load ran
	 * @param maxBusyThreads the most request threads busy at once
	 */
	record Report(List<ClientReport> clients, Duration took, int maxBusyThreads) {

		int requests() {
			return this.clients.stream().mapToInt(ClientReport::requests).sum();
		}

		int unavailable() {
			return this.clients.stream().mapToInt(ClientReport::unavailable).sum();
		}

		int committedInFlight() {
			return this.clients.stream().mapToInt(ClientReport::committedInFlight).sum();
		}

		Duration slowestUnavailable() {
			return this.clients.stream()
				.map(ClientReport::slowestUnavailable)
				.max(Duration::compareTo)
				.orElse(Duration.ZERO);
		}

		List<String> errors() {
			return this.clients.stream()
				.flatMap((client) -> client.errors().stream().map((error) -> "client " + client.client() + ": " + error))
				.toList();
		}

		String summary(String store) {
			return String.format("%s: %d clients, %d requests (%d answered 503, %d of those saved while in flight), "
					+ "%d errors, %.1f s, %.0f requests/s, at most %d request threads busy", store,
					this.clients.size(), requests(), unavailable(), committedInFlight(), errors().size(),
					this.took.toMillis() / 1000.0, requests() * 1000.0 / Math.max(1, this.took.toMillis()),
					this.maxBusyThreads);
		}

	}

}
