package dev.keycard.sample;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives browser tests a {@link Chromium}: one for the whole test run, whatever the number of
 * test classes, since starting one costs about a second. Each test starts without cookies and
 * leaves a screenshot of the page it ended on, named after its class and method, under
 * {@code target/screenshots}.
 */
final class ChromiumExtension implements ParameterResolver, BeforeEachCallback, AfterEachCallback {

	private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace
		.create(ChromiumExtension.class);

	@Override
	public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return parameterContext.getParameter().getType() == Chromium.class;
	}

	@Override
	public Chromium resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return chromium(extensionContext);
	}

	@Override
	public void beforeEach(ExtensionContext context) {
		chromium(context).deleteAllCookies();
	}

	@Override
	public void afterEach(ExtensionContext context) {
		String name = context.getRequiredTestClass().getSimpleName() + "-" + context.getRequiredTestMethod().getName();
		chromium(context).screenshot(name);
	}

	/** Kept in the root store, which closes it, and so quits the browser, when the run ends. */
	private static Chromium chromium(ExtensionContext context) {
		return context.getRoot().getStore(NAMESPACE).computeIfAbsent(Chromium.class, (key) -> Chromium.start(),
				Chromium.class);
	}

}
