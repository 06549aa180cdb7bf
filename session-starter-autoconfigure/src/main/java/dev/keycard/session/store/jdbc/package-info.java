/**
 * The JDBC session store: one row per session in a table of the application's database, with
 * schema scripts for PostgreSQL, MySQL, MariaDB and H2.
 */
@NullMarked
package dev.keycard.session.store.jdbc;

import org.jspecify.annotations.NullMarked;
