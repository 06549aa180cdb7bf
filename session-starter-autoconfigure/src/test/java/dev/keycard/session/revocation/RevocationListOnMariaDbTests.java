package dev.keycard.session.revocation;

/**
 * Revocation lists sharing the real MariaDB at 127.0.0.1:3306.
 */
class RevocationListOnMariaDbTests extends AbstractJdbcRevocationListTests {

	@Override
	String url() {
		return "jdbc:mariadb://127.0.0.1:3306/test";
	}

	@Override
	String unreachableUrl() {
		return "jdbc:mariadb://127.0.0.1:1/test?connectTimeout=1000";
	}

	@Override
	String username() {
		return "root";
	}

}
