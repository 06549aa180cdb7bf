package dev.keycard.session.micrometer;

import java.util.Map;
import java.util.function.Supplier;

import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

import dev.keycard.session.store.SessionChanges;
import dev.keycard.session.store.SessionRecord;
import dev.keycard.session.store.SessionStore;
import dev.keycard.session.store.SessionStoreUnavailableException;

/**
 * A {@link SessionStore} whose every call is an {@link Observation} named {@value #NAME}: with
 * Micrometer's default handler a timer of that name, and a span when tracing is on. Low
 * cardinality keys: {@code operation} ({@code load}, {@code save}, {@code delete}, {@code find}),
 * {@code store} (the store's name) and {@code outcome} ({@code ok}, {@code unavailable} when the
 * store cannot be reached, {@code error} otherwise). Store keys are never recorded.
 */
public final class ObservedSessionStore implements SessionStore {

	/** The name of the observations. */
	public static final String NAME = "keycard.session.store";

	private static final KeyValue OK = KeyValue.of("outcome", "ok");

	private static final KeyValue UNAVAILABLE = KeyValue.of("outcome", "unavailable");

	private static final KeyValue ERROR = KeyValue.of("outcome", "error");

	private final SessionStore store;

	private final ObservationRegistry registry;

	private final KeyValue storeName;

	/**
	 * Observe the calls of a store.
	 * @param store the store
	 * @param storeName its name in the observations: {@code redis}, {@code jdbc}, ...
	 * @param registry where observations go
	 */
	public ObservedSessionStore(SessionStore store, String storeName, ObservationRegistry registry) {
		Assert.notNull(store, "store must not be null");
		Assert.hasText(storeName, "storeName must not be empty");
		Assert.notNull(registry, "registry must not be null");
		this.store = store;
		this.storeName = KeyValue.of("store", storeName);
		this.registry = registry;
	}

	/**
	 * Return the store observed.
	 * @return the store
	 */
	public SessionStore getStore() {
		return this.store;
	}

	@Override
	public @Nullable SessionRecord load(String key) {
		return observe("load", () -> this.store.load(key));
	}

	@Override
	public boolean save(String key, SessionChanges changes) {
		Boolean saved = observe("save", () -> this.store.save(key, changes));
		return Boolean.TRUE.equals(saved);
	}

	@Override
	public void delete(String key) {
		observe("delete", () -> {
			this.store.delete(key);
			return null;
		});
	}

	@Override
	public boolean isIndexedByPrincipal() {
		return this.store.isIndexedByPrincipal();
	}

	@Override
	public Map<String, SessionRecord> findByPrincipal(String principal) {
		Map<String, SessionRecord> found = observe("find", () -> this.store.findByPrincipal(principal));
		return (found != null) ? found : Map.of();
	}

	@Override
	public String getName() {
		return this.store.getName();
	}

	private <T> @Nullable T observe(String operation, Supplier<@Nullable T> call) {
		Observation observation = Observation.createNotStarted(NAME, this.registry)
			.contextualName("keycard session " + operation)
			.lowCardinalityKeyValue("operation", operation)
			.lowCardinalityKeyValue(this.storeName);
		if (observation.isNoop()) {
			return call.get();
		}
		observation.start();
		try (Observation.Scope scope = observation.openScope()) {
			T result = call.get();
			observation.lowCardinalityKeyValue(OK);
			return result;
		}
		catch (SessionStoreUnavailableException ex) {
			observation.lowCardinalityKeyValue(UNAVAILABLE);
			observation.error(ex);
			throw ex;
		}
		catch (RuntimeException ex) {
			observation.lowCardinalityKeyValue(ERROR);
			observation.error(ex);
			throw ex;
		}
		finally {
			observation.stop();
		}
	}

}
