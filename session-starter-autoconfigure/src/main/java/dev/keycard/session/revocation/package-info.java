/**
 * Revocation of cookie sessions without a round trip per request: a
 * {@link dev.keycard.session.revocation.RevocationStore} keeps "sessions of this user signed in
 * before T are revoked" and "this session is revoked", and each instance checks cookies
 * against a {@link dev.keycard.session.revocation.RevocationList} it keeps in memory.
 */
@NullMarked
package dev.keycard.session.revocation;

import org.jspecify.annotations.NullMarked;
