package dev.keycard.session.store.jdbc;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * A data source that counts the transactions begun on its connections, as a transaction
 * manager begins them: by turning auto-commit off.
 */
final class TransactionCountingDataSource extends DelegatingDataSource {

	private final AtomicInteger transactions = new AtomicInteger();

	TransactionCountingDataSource(DataSource dataSource) {
		super(dataSource);
	}

	int transactions() {
		return this.transactions.get();
	}

	@Override
	public Connection getConnection() throws SQLException {
		Connection connection = super.getConnection();
		return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] { Connection.class },
				(proxy, method, arguments) -> {
					if (method.getName().equals("setAutoCommit") && Boolean.FALSE.equals(arguments[0])
							&& connection.getAutoCommit()) {
						this.transactions.incrementAndGet();
					}
					try {
						return method.invoke(connection, arguments);
					}
					catch (InvocationTargetException ex) {
						throw ex.getCause();
					}
				});
	}

}
