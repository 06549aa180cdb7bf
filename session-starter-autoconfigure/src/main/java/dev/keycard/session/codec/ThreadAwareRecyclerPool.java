package dev.keycard.session.codec;

import tools.jackson.core.util.BufferRecycler;
import tools.jackson.core.util.JsonRecyclerPools;
import tools.jackson.core.util.RecyclerPool;

/**
 * Jackson's buffers for Keycard's own mapper, as {@link InstancePool} lends its instances: per
 * platform thread (the cheapest: no contention), and from a concurrent pool of Keycard's own for
 * virtual threads, where buffers per thread would be buffers per request.
 */
final class ThreadAwareRecyclerPool implements RecyclerPool<BufferRecycler> {

	private static final long serialVersionUID = 1L;

	private final RecyclerPool<BufferRecycler> perPlatformThread = JsonRecyclerPools.threadLocalPool();

	private final RecyclerPool<BufferRecycler> forVirtualThreads = JsonRecyclerPools.newConcurrentDequePool();

	@Override
	public BufferRecycler acquirePooled() {
		return pool().acquirePooled();
	}

	@Override
	public BufferRecycler acquireAndLinkPooled() {
		return pool().acquireAndLinkPooled();
	}

	@Override
	public void releasePooled(BufferRecycler recycler) {
		pool().releasePooled(recycler);
	}

	private RecyclerPool<BufferRecycler> pool() {
		return VirtualThreads.isCurrent() ? this.forVirtualThreads : this.perPlatformThread;
	}

}
