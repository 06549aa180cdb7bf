package dev.keycard.session.revocation;

/**
 * The version of a revocation store: how many changes it has made, and a chain of their digests.
 * The chain tells two stores apart that made as many changes but not the same ones, as a Redis
 * that lost its last writes in a failover and then made new ones: an instance that compared
 * counts alone would take the new ones for those it already has, and never read them.
 *
 * @param number how many changes the store has made
 * @param chain the digest of the previous chain and the last change, {@value #NO_CHAIN} before
 * any change
 */
public record RevocationVersion(long number, String chain) {

	/** The chain of a store that never changed. */
	public static final String NO_CHAIN = "0";

	/** The version of a store that never changed. */
	public static final RevocationVersion NONE = new RevocationVersion(0, NO_CHAIN);

	/** A version no store has: what an instance knows before it has read its store. */
	static final RevocationVersion UNKNOWN = new RevocationVersion(-1, "");

}
