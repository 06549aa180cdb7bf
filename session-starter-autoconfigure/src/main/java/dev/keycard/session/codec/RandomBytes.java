package dev.keycard.session.codec;

import java.security.SecureRandom;
import java.util.Arrays;

/**
 * Random bytes for values that must not be guessed, drawn from one {@link SecureRandom} in
 * batches: each platform thread keeps a batch, so that most values cost no lock and no system
 * call of their own (the default {@code SecureRandom} takes a lock and reads the operating
 * system's source on every call). A virtual thread lives for one request and keeps nothing: it
 * draws what it needs. Bytes handed out are cleared from the batch.
 */
public final class RandomBytes {

	private static final int BATCH_LENGTH = 512;

	private final SecureRandom random = new SecureRandom();

	private final ThreadLocal<Batch> batches = ThreadLocal.withInitial(Batch::new);

	/**
	 * Fill an array with random bytes.
	 * @param bytes the array to fill
	 */
	public void nextBytes(byte[] bytes) {
		if (bytes.length > BATCH_LENGTH || VirtualThreads.isCurrent()) {
			this.random.nextBytes(bytes);
			return;
		}
		this.batches.get().take(bytes, this.random);
	}

	private static final class Batch {

		private final byte[] bytes = new byte[BATCH_LENGTH];

		private int position = BATCH_LENGTH;

		void take(byte[] into, SecureRandom random) {
			if (this.position + into.length > BATCH_LENGTH) {
				random.nextBytes(this.bytes);
				this.position = 0;
			}
			System.arraycopy(this.bytes, this.position, into, 0, into.length);
			Arrays.fill(this.bytes, this.position, this.position + into.length, (byte) 0);
			this.position += into.length;
		}

	}

}
