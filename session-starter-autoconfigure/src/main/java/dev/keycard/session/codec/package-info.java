/**
 * Session state to cookie value and back: the key ring derived from the secret, signing and
 * encryption, the token format and the JSON serializer.
 */
@NullMarked
package dev.keycard.session.codec;

import org.jspecify.annotations.NullMarked;
