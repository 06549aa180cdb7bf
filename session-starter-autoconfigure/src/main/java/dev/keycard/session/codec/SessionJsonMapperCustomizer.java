package dev.keycard.session.codec;

import tools.jackson.databind.json.JsonMapper;

/**
 * Customizes the {@link JsonMapper} Keycard uses for session values, for example to add a
 * module for a value type. Keycard's mapper is its own, never the application's, so that an
 * application's settings (polymorphic typing above all) cannot reach cookie parsing.
 *
 * <pre class="code">
 * &#64;Bean
 * SessionJsonMapperCustomizer moneyModule() {
 *     return (builder) -&gt; builder.addModule(new MoneyModule());
 * }
 * </pre>
 *
 * Enabling default typing here would let session data name the classes Keycard instantiates;
 * don't.
 */
@FunctionalInterface
public interface SessionJsonMapperCustomizer {

	/**
	 * Customize the mapper being built.
	 * @param builder the builder
	 */
	void customize(JsonMapper.Builder builder);

}
