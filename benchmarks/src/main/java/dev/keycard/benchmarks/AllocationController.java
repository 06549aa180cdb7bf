package dev.keycard.benchmarks;

import java.lang.management.ManagementFactory;

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

	@GetMapping("/benchmark/allocated")
	String allocated() {
		return Long.toString(this.threads.getTotalThreadAllocatedBytes());
	}

}
