package dev.keycard.benchmarks;

import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.session.data.redis.config.annotation.web.http.EnableRedisHttpSession;

/**
 * Spring Session on Redis, configured as its documentation shows (Boot 4.1.0's own Redis
 * session module does not resolve from the registry these machines reach).
 */
@Configuration(proxyBeanMethods = false)
@Profile("spring-session-redis")
@EnableRedisHttpSession
class SpringSessionRedisConfiguration {

}
