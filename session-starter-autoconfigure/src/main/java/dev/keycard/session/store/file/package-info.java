/**
 * The file session store: one JSON file per session in a directory that several processes
 * may share.
 */
@NullMarked
package dev.keycard.session.store.file;

import org.jspecify.annotations.NullMarked;
