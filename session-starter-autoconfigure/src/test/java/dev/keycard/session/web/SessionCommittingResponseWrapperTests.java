package dev.keycard.session.web;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.servlet.ServletOutputStream;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link SessionCommittingResponseWrapper}: the session's commit runs once, before
 * anything that commits the response, as Spring Session's {@code OnCommittedResponseWrapper}
 * tests check for its own.
 */
class SessionCommittingResponseWrapperTests {

	private final MockHttpServletResponse response = new MockHttpServletResponse();

	private final AtomicInteger commits = new AtomicInteger();

	/** Whether the response had committed when the action ran: it must never have. */
	private boolean committedWhenRun;

	/** How much of the body had been written when the action ran. */
	private int bytesWhenRun = -1;

	private final SessionCommittingResponseWrapper wrapper = new SessionCommittingResponseWrapper(this.response,
			() -> {
				this.committedWhenRun |= this.response.isCommitted();
				this.bytesWhenRun = this.response.getContentAsByteArray().length;
				this.commits.incrementAndGet();
			});

	@Test
	void nothingWrittenRunsNothing() throws IOException {
		this.wrapper.setHeader("X-Anything", "1");
		this.wrapper.getOutputStream().write(new byte[10]);
		assertThat(this.commits).hasValue(0);
	}

	@Test
	void sendErrorRunsTheActionFirst() throws IOException {
		this.wrapper.sendError(404);
		assertRunOnceBeforeCommit();
	}

	@Test
	void sendErrorWithAMessageRunsTheActionFirst() throws IOException {
		this.wrapper.sendError(500, "failed");
		assertRunOnceBeforeCommit();
	}

	@Test
	void sendRedirectRunsTheActionFirst() throws IOException {
		this.wrapper.sendRedirect("/elsewhere");
		assertRunOnceBeforeCommit();
	}

	@Test
	void sendRedirectWithAStatusRunsTheActionFirst() throws IOException {
		this.wrapper.sendRedirect("/elsewhere", 303, true);
		assertRunOnceBeforeCommit();
	}

	@Test
	void flushBufferRunsTheActionFirst() throws IOException {
		this.wrapper.flushBuffer();
		assertRunOnceBeforeCommit();
	}

	@Test
	void outputStreamFlushAndCloseRunTheActionFirst() throws IOException {
		ServletOutputStream output = this.wrapper.getOutputStream();
		output.flush();
		output.close();
		assertRunOnceBeforeCommit();
	}

	@Test
	void writerFlushRunsTheActionFirst() throws IOException {
		this.wrapper.getWriter().flush();
		assertRunOnceBeforeCommit();
	}

	@Test
	void writerCloseRunsTheActionFirst() throws IOException {
		this.wrapper.getWriter().close();
		assertRunOnceBeforeCommit();
	}

	@Test
	void bytesThatFillTheBufferRunTheActionBeforeTheyAreWritten() throws IOException {
		this.response.setBufferSize(100);
		ServletOutputStream output = this.wrapper.getOutputStream();
		output.write(new byte[99]);
		assertThat(this.commits).hasValue(0);
		output.write(1);
		assertThat(this.commits).hasValue(1);
		assertThat(this.bytesWhenRun).isEqualTo(99);
		assertThat(this.committedWhenRun).isFalse();
	}

	@Test
	void charactersCountAsTheirLargestEncodingSoTheCountNeverTrailsTheBuffer() throws IOException {
		this.response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		this.response.setBufferSize(30);
		PrintWriter writer = this.wrapper.getWriter();
		writer.write("123456789");
		assertThat(this.commits).as("9 characters, up to 27 bytes").hasValue(0);
		writer.write('0');
		assertThat(this.commits).as("10 characters, up to 30 bytes").hasValue(1);
	}

	@Test
	void printlnCountsItsLineSeparator() throws IOException {
		this.response.setCharacterEncoding(StandardCharsets.ISO_8859_1.name());
		this.response.setBufferSize(System.lineSeparator().length());
		this.wrapper.getWriter().println();
		assertThat(this.commits).hasValue(1);
	}

	@Test
	void reachingTheDeclaredContentLengthRunsTheAction() throws IOException {
		this.wrapper.setContentLength(5);
		this.wrapper.getOutputStream().write(new byte[4]);
		assertThat(this.commits).hasValue(0);
		this.wrapper.getOutputStream().write(new byte[1]);
		assertThat(this.commits).hasValue(1);
	}

	@Test
	void contentLengthSetAsAHeaderCountsToo() throws IOException {
		this.wrapper.setHeader("content-length", "3");
		this.wrapper.getOutputStream().write(new byte[3]);
		assertThat(this.commits).hasValue(1);
	}

	@Test
	void contentLengthSetAsALongCountsToo() throws IOException {
		this.wrapper.setContentLengthLong(2);
		this.wrapper.getOutputStream().write(new byte[2]);
		assertThat(this.commits).hasValue(1);
	}

	@Test
	void contentLengthAddedAsAnIntHeaderCountsToo() throws IOException {
		this.wrapper.addIntHeader("Content-Length", 1);
		this.wrapper.getOutputStream().write(0);
		assertThat(this.commits).hasValue(1);
	}

	@Test
	void resetForgetsWhatWasCounted() throws IOException {
		this.response.setBufferSize(10);
		this.wrapper.setContentLength(5);
		this.wrapper.getOutputStream().write(new byte[4]);
		this.wrapper.reset();
		this.wrapper.getOutputStream().write(new byte[4]);
		assertThat(this.commits).hasValue(0);
	}

	@Test
	void resetBufferForgetsTheBytesCounted() throws IOException {
		this.response.setBufferSize(10);
		this.wrapper.getOutputStream().write(new byte[9]);
		this.wrapper.resetBuffer();
		this.wrapper.getOutputStream().write(new byte[9]);
		assertThat(this.commits).hasValue(0);
	}

	@Test
	void theActionRunsOnceWhateverCommitsAfterIt() throws IOException {
		this.wrapper.getOutputStream().flush();
		this.wrapper.flushBuffer();
		this.wrapper.getOutputStream().close();
		assertThat(this.commits).hasValue(1);
	}

	@Test
	void aFailingActionResetsTheResponseForWhateverHandlesTheFailure() throws IOException {
		SessionCommittingResponseWrapper failing = new SessionCommittingResponseWrapper(this.response, () -> {
			throw new IllegalStateException("too large");
		});
		failing.setHeader("X-Body-Of", "the page being written");
		failing.getOutputStream().write(new byte[3]);
		assertThatIllegalStateException().isThrownBy(failing::flushBuffer).withMessage("too large");
		assertThat(this.response.isCommitted()).isFalse();
		assertThat(this.response.getHeader("X-Body-Of")).isNull();
		assertThat(this.response.getContentAsByteArray()).isEmpty();
	}

	private void assertRunOnceBeforeCommit() {
		assertThat(this.commits).hasValue(1);
		assertThat(this.committedWhenRun).isFalse();
	}

}
