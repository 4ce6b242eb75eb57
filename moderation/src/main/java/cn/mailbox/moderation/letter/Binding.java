package cn.mailbox.moderation.letter;

import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;

/** R2DBC needs the type of a null parameter; this keeps optional fields one line each. */
final class Binding {

	private Binding() {
	}

	static <T> GenericExecuteSpec nullable(GenericExecuteSpec spec, String name, T value, Class<T> type) {
		return (value != null) ? spec.bind(name, value) : spec.bindNull(name, type);
	}

}
