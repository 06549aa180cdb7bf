package dev.keycard.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.reflect.Method;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * How many bytes this JVM has allocated on the heap so far, in every variant, so that the
 * interleaved harness can report allocation per request: read before and after a slice.
 * Virtual threads allocate in their carrier's buffers, so they are counted too.
 */
@RestController
class AllocationController {

	private final com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory
		.getThreadMXBean();

	/**
	 * {@code getTotalThreadAllocatedBytes()}, which counts threads that have ended too: in the JDK
	 * since 21 (and 17 updates), not in Java 17's API the project is compiled against.
	 */
	private final Method totalAllocated;

	AllocationController() throws NoSuchMethodException {
		this.totalAllocated = com.sun.management.ThreadMXBean.class.getMethod("getTotalThreadAllocatedBytes");
	}

	@GetMapping("/benchmark/allocated")
	String allocated() throws ReflectiveOperationException {
		return String.valueOf(this.totalAllocated.invoke(this.threads));
	}

}
