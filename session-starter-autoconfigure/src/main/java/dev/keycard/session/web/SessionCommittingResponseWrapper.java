package dev.keycard.session.web;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import org.jspecify.annotations.Nullable;

/**
 * Runs an action once, just before the response commits: on a redirect, an error, a flush, a
 * close, when the body outgrows the buffer, or when the declared content length is reached.
 * Headers can no longer be added after that, so this is the last moment to send the session
 * cookie. Modelled on Spring Session's {@code OnCommittedResponseWrapper}.
 */
final class SessionCommittingResponseWrapper extends HttpServletResponseWrapper {

	private final Runnable beforeCommit;

	private boolean done;

	private long contentLength = -1;

	private long written;

	private @Nullable ServletOutputStream outputStream;

	private @Nullable PrintWriter writer;

	SessionCommittingResponseWrapper(HttpServletResponse response, Runnable beforeCommit) {
		super(response);
		this.beforeCommit = beforeCommit;
	}

	/**
	 * Run the action now, unless it has run already. If it fails, the response is reset, so
	 * that whatever handles the failure starts from a clean response rather than from the
	 * headers of the body that was being written.
	 */
	void commitSession() {
		if (!this.done) {
			this.done = true;
			try {
				this.beforeCommit.run();
			}
			catch (RuntimeException ex) {
				if (!isCommitted()) {
					reset();
				}
				throw ex;
			}
		}
	}

	@Override
	public void sendError(int sc) throws IOException {
		commitSession();
		super.sendError(sc);
	}

	@Override
	public void sendError(int sc, String msg) throws IOException {
		commitSession();
		super.sendError(sc, msg);
	}

	@Override
	public void sendRedirect(String location) throws IOException {
		commitSession();
		super.sendRedirect(location);
	}

	@Override
	public void sendRedirect(String location, int sc, boolean clearBuffer) throws IOException {
		commitSession();
		super.sendRedirect(location, sc, clearBuffer);
	}

	@Override
	public void flushBuffer() throws IOException {
		commitSession();
		super.flushBuffer();
	}

	@Override
	public void setContentLength(int len) {
		this.contentLength = len;
		super.setContentLength(len);
	}

	@Override
	public void setContentLengthLong(long len) {
		this.contentLength = len;
		super.setContentLengthLong(len);
	}

	@Override
	public void setHeader(String name, String value) {
		trackContentLength(name, value);
		super.setHeader(name, value);
	}

	@Override
	public void addHeader(String name, String value) {
		trackContentLength(name, value);
		super.addHeader(name, value);
	}

	@Override
	public void setIntHeader(String name, int value) {
		trackContentLength(name, String.valueOf(value));
		super.setIntHeader(name, value);
	}

	@Override
	public void addIntHeader(String name, int value) {
		trackContentLength(name, String.valueOf(value));
		super.addIntHeader(name, value);
	}

	@Override
	public void reset() {
		super.reset();
		this.contentLength = -1;
		this.written = 0;
	}

	@Override
	public void resetBuffer() {
		super.resetBuffer();
		this.written = 0;
	}

	@Override
	public ServletOutputStream getOutputStream() throws IOException {
		if (this.outputStream == null) {
			this.outputStream = new CommittingOutputStream(super.getOutputStream());
		}
		return this.outputStream;
	}

	@Override
	public PrintWriter getWriter() throws IOException {
		if (this.writer == null) {
			this.writer = new CommittingPrintWriter(super.getWriter(), maxBytesPerChar());
		}
		return this.writer;
	}

	private void trackContentLength(String name, String value) {
		if ("Content-Length".equalsIgnoreCase(name)) {
			try {
				this.contentLength = Long.parseLong(value.trim());
			}
			catch (NumberFormatException ex) {
				this.contentLength = -1;
			}
		}
	}

	/**
	 * Count bytes about to be written, and run the action first if they will fill the buffer
	 * (the container then commits) or complete the declared content length.
	 */
	private void beforeWrite(long bytes) {
		if (this.done) {
			return;
		}
		this.written += bytes;
		int bufferSize = getBufferSize();
		if ((bufferSize > 0 && this.written >= bufferSize)
				|| (this.contentLength >= 0 && this.written >= this.contentLength)) {
			commitSession();
		}
	}

	/** Characters become up to this many bytes, so a writer's count never trails the buffer. */
	private int maxBytesPerChar() {
		try {
			String encoding = getCharacterEncoding();
			Charset charset = (encoding != null) ? Charset.forName(encoding) : StandardCharsets.ISO_8859_1;
			return (int) Math.ceil(charset.newEncoder().maxBytesPerChar());
		}
		catch (UnsupportedCharsetException | UnsupportedOperationException ex) {
			return 4;
		}
	}

	private final class CommittingOutputStream extends ServletOutputStream {

		private final ServletOutputStream delegate;

		private CommittingOutputStream(ServletOutputStream delegate) {
			this.delegate = delegate;
		}

		@Override
		public void write(int b) throws IOException {
			beforeWrite(1);
			this.delegate.write(b);
		}

		@Override
		public void write(byte[] b, int off, int len) throws IOException {
			beforeWrite(len);
			this.delegate.write(b, off, len);
		}

		@Override
		public void flush() throws IOException {
			commitSession();
			this.delegate.flush();
		}

		@Override
		public void close() throws IOException {
			commitSession();
			this.delegate.close();
		}

		@Override
		public boolean isReady() {
			return this.delegate.isReady();
		}

		@Override
		public void setWriteListener(WriteListener listener) {
			this.delegate.setWriteListener(listener);
		}

	}

	private final class CommittingPrintWriter extends PrintWriter {

		private final int bytesPerChar;

		private CommittingPrintWriter(PrintWriter delegate, int bytesPerChar) {
			super(delegate);
			this.bytesPerChar = bytesPerChar;
		}

		@Override
		public void write(int c) {
			beforeWrite(this.bytesPerChar);
			super.write(c);
		}

		@Override
		public void write(char[] buf, int off, int len) {
			beforeWrite((long) len * this.bytesPerChar);
			super.write(buf, off, len);
		}

		@Override
		public void write(String s, int off, int len) {
			beforeWrite((long) len * this.bytesPerChar);
			super.write(s, off, len);
		}

		@Override
		public void println() {
			// PrintWriter writes line separators straight to the writer it wraps.
			beforeWrite((long) System.lineSeparator().length() * this.bytesPerChar);
			super.println();
		}

		@Override
		public void flush() {
			commitSession();
			super.flush();
		}

		@Override
		public void close() {
			commitSession();
			super.close();
		}

	}

}
