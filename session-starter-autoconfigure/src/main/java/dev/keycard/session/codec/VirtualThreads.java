package dev.keycard.session.codec;

import org.jspecify.annotations.Nullable;

/**
 * Tells a virtual thread (Java 21 and later) from a platform thread, on a runtime of any
 * version: the project is built for Java 17, where {@code Thread.isVirtual()} does not exist.
 */
final class VirtualThreads {

	/** The superclass of every virtual thread, or {@code null} on a runtime without them. */
	private static final @Nullable Class<?> VIRTUAL = load("java.lang.BaseVirtualThread");

	private VirtualThreads() {
	}

	/** Whether the current thread is a virtual thread. */
	static boolean isCurrent() {
		Class<?> virtual = VIRTUAL;
		return virtual != null && virtual.isInstance(Thread.currentThread());
	}

	private static @Nullable Class<?> load(String name) {
		try {
			return Class.forName(name, false, Thread.class.getClassLoader());
		}
		catch (ClassNotFoundException ex) {
			return null;
		}
	}

}
