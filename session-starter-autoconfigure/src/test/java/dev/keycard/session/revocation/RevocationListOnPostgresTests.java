package dev.keycard.session.revocation;

/**
 * Revocation lists sharing the real PostgreSQL at 127.0.0.1:5432.
 */
class RevocationListOnPostgresTests extends AbstractJdbcRevocationListTests {

	@Override
	String url() {
		return "jdbc:postgresql://127.0.0.1:5432/test";
	}

	@Override
	String unreachableUrl() {
		return "jdbc:postgresql://127.0.0.1:1/test?connectTimeout=1";
	}

	@Override
	String username() {
		return "postgres";
	}

}
