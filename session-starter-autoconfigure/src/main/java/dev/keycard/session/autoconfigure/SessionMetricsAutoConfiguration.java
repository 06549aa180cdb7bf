package dev.keycard.session.autoconfigure;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

import dev.keycard.session.codec.KeyUsage;
import dev.keycard.session.micrometer.MicrometerSessionActivity;

/**
 * {@code keycard.session.*} meters on Boot's {@link MeterRegistry}, when Micrometer is there.
 * Store calls are observed whenever there is an {@code ObservationRegistry} (see
 * {@link SessionManagerConfiguration}).
 */
@AutoConfiguration(after = SessionAutoConfiguration.class,
		afterName = "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration")
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean({ MeterRegistry.class, KeyUsage.class })
public final class SessionMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	MicrometerSessionActivity micrometerSessionActivity(MeterRegistry registry, KeyUsage keyUsage) {
		return new MicrometerSessionActivity(registry, keyUsage);
	}

}
