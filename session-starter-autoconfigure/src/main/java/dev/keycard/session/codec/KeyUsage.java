package dev.keycard.session.codec;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

import org.springframework.util.Assert;

import dev.keycard.session.SessionActivity;

/**
 * Counts the session cookies accepted under each key of a key ring since startup: the progress
 * of a secret rotation. Once nothing has been accepted under a previous secret for longer
 * than sessions live, that secret can be removed.
 */
public final class KeyUsage implements SessionActivity {

	/** The key ring's key ids, in its order; a key id shared by two secrets (one chance in 2^32) counts under the first. */
	private final int[] keyIds;

	private final LongAdder[] accepted;

	/**
	 * Count the cookies accepted under the keys of a key ring.
	 * @param keyRing the keys
	 */
	public KeyUsage(KeyRing keyRing) {
		Assert.notNull(keyRing, "keyRing must not be null");
		List<SessionKey> keys = keyRing.getKeys();
		this.keyIds = new int[keys.size()];
		this.accepted = new LongAdder[keys.size()];
		for (int i = 0; i < keys.size(); i++) {
			this.keyIds[i] = keys.get(i).getId();
			this.accepted[i] = new LongAdder();
		}
	}

	@Override
	public void cookieAccepted(int keyId) {
		for (int i = 0; i < this.keyIds.length; i++) {
			if (this.keyIds[i] == keyId) {
				this.accepted[i].increment();
				return;
			}
		}
	}

	/**
	 * Return how many keys are counted.
	 * @return the size of the key ring
	 */
	public int keyCount() {
		return this.keyIds.length;
	}

	/**
	 * Return how many cookies were accepted under one key.
	 * @param index the key's place in the key ring: 0 for the current key, then the previous
	 * secrets in their order
	 * @return the count since startup
	 */
	public long accepted(int index) {
		return this.accepted[index].sum();
	}

	/**
	 * Return the id of one key, as tokens carry it.
	 * @param index the key's place in the key ring
	 * @return the key id
	 */
	public int keyId(int index) {
		return this.keyIds[index];
	}

	/**
	 * Return the count of every key, in the key ring's order.
	 * @return the counts since startup
	 */
	public List<Long> acceptedByKey() {
		List<Long> counts = new ArrayList<>(this.accepted.length);
		for (LongAdder adder : this.accepted) {
			counts.add(adder.sum());
		}
		return counts;
	}

	/**
	 * Return the name of a key of the key ring, as metrics and the {@code keycard} endpoint
	 * give it.
	 * @param index the key's place in the key ring
	 * @return {@code current}, or {@code previous-N} for the N-th previous secret
	 */
	public static String keyName(int index) {
		return (index == 0) ? "current" : "previous-" + index;
	}

}
