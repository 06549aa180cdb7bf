package dev.keycard.session.autoconfigure;

import org.springframework.beans.BeansException;
import org.springframework.aop.scope.ScopedProxyUtils;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.context.WebApplicationContext;

import dev.keycard.session.web.HttpSessionAttributeConverter;
import dev.keycard.session.web.HttpSessionBridge;
import dev.keycard.session.web.SessionLifetime;

/**
 * {@code request.getSession()} on the Keycard session, unless
 * {@code app.session.http-session=container}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "app.session.http-session", havingValue = "keycard", matchIfMissing = true)
class HttpSessionBridgeConfiguration {

	@Bean
	@ConditionalOnMissingBean
	HttpSessionBridge keycardHttpSessionBridge(ObjectProvider<HttpSessionAttributeConverter> converters,
			SessionLifetime lifetime) {
		return new HttpSessionBridge(converters.orderedStream().toList(), lifetime);
	}

	/** Session-scoped beans are live objects, which a session of JSON values cannot hold. */
	@Bean
	static BeanFactoryPostProcessor keycardSessionScopeCheck() {
		return new SessionScopeCheck();
	}

	private static final class SessionScopeCheck implements BeanFactoryPostProcessor {

		@Override
		public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) throws BeansException {
			for (String name : beanFactory.getBeanDefinitionNames()) {
				BeanDefinition definition = beanFactory.getBeanDefinition(name);
				if (WebApplicationContext.SCOPE_SESSION.equals(definition.getScope())) {
					// A scoped proxy's target is registered as scopedTarget.<name>: report the name the user wrote.
					String beanName = ScopedProxyUtils.isScopedTarget(name) ? ScopedProxyUtils.getOriginalBeanName(name)
							: name;
					throw new InvalidSessionConfigurationException("Bean '" + beanName + "' (" + describe(definition)
							+ ") is @SessionScope, but the HttpSession is the Keycard "
							+ "session, whose values are JSON, not live objects",
							"Keep the bean's state in the Session (a controller parameter) as plain values, or set "
									+ "app.session.http-session=container to keep the container's HttpSession for it.");
				}
			}
		}

		private static String describe(BeanDefinition definition) {
			String description = definition.getResourceDescription();
			if (definition.getFactoryMethodName() != null) {
				return "@Bean method " + definition.getFactoryMethodName() + "()"
						+ ((description != null) ? " in " + description : "");
			}
			return (definition.getBeanClassName() != null) ? definition.getBeanClassName() : String.valueOf(description);
		}

	}

}
