package dev.keycard.benchmarks;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The application the end-to-end benchmark drives with wrk: one Spring profile per variant
 * (see {@code benchmarks/run-e2e.sh}), the same two endpoints in each, {@code /visits} (reads
 * and writes a counter) and {@code /read} (reads it).
 */
@SpringBootApplication
public class BenchmarkApplication {

	public static void main(String[] args) {
		SpringApplication.run(BenchmarkApplication.class, args);
	}

}
