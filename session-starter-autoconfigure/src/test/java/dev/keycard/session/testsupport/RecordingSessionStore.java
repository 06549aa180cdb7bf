package dev.keycard.session.testsupport;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;

import dev.keycard.session.store.SessionChanges;
import dev.keycard.session.store.SessionRecord;
import dev.keycard.session.store.SessionStore;

/**
 * A store that records what it is asked to do before passing it to a real one, and can be
 * told to fail its loads or its saves, so that a test can see every round trip Keycard makes.
 */
public final class RecordingSessionStore implements SessionStore {

	/** Each key loaded, in order. */
	public final List<String> loads = new CopyOnWriteArrayList<>();

	/** Each save, in order. */
	public final List<Write> saves = new CopyOnWriteArrayList<>();

	/** Each key deleted, in order. */
	public final List<String> deletes = new CopyOnWriteArrayList<>();

	/** How many loads there were, failed ones included. */
	public final AtomicInteger loadCount = new AtomicInteger();

	private final SessionStore delegate;

	private volatile @Nullable RuntimeException loadFailure;

	private volatile @Nullable RuntimeException saveFailure;

	public RecordingSessionStore(SessionStore delegate) {
		this.delegate = delegate;
	}

	/**
	 * Make every load throw, or load again.
	 * @param failure what loads throw, or {@code null} to load
	 */
	public void failLoadsWith(@Nullable RuntimeException failure) {
		this.loadFailure = failure;
	}

	/**
	 * Make every save throw, or save again. A failed save is not recorded.
	 * @param failure what saves throw, or {@code null} to save
	 */
	public void failSavesWith(@Nullable RuntimeException failure) {
		this.saveFailure = failure;
	}

	/** Forget what was recorded. */
	public void clear() {
		this.loads.clear();
		this.saves.clear();
		this.deletes.clear();
		this.loadCount.set(0);
	}

	/** Return how many writes (saves and deletes) there were. */
	public int writes() {
		return this.saves.size() + this.deletes.size();
	}

	@Override
	public @Nullable SessionRecord load(String key) {
		this.loadCount.incrementAndGet();
		RuntimeException failure = this.loadFailure;
		if (failure != null) {
			throw failure;
		}
		this.loads.add(key);
		return this.delegate.load(key);
	}

	@Override
	public boolean save(String key, SessionChanges changes) {
		RuntimeException failure = this.saveFailure;
		if (failure != null) {
			throw failure;
		}
		this.saves.add(new Write(key, changes));
		return this.delegate.save(key, changes);
	}

	@Override
	public void delete(String key) {
		this.deletes.add(key);
		this.delegate.delete(key);
	}

	/**
	 * One save.
	 *
	 * @param key the store key
	 * @param changes what was saved
	 */
	public record Write(String key, SessionChanges changes) {
	}

}
