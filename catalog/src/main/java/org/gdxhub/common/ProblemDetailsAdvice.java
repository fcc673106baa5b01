package org.gdxhub.common;

import java.net.URI;

import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Renders every error as an RFC 9457 problem with a stable {@code code} member: the hub's
 * own {@link HubException}s, Spring MVC's framework errors, and anything unexpected.
 */
@RestControllerAdvice
public class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

  public static URI typeOf(String code) {
    return URI.create("urn:gdxhub:problem:" + code);
  }

  @ExceptionHandler(HubException.class)
  ResponseEntity<ProblemDetail> handleHubException(HubException ex) {
    ErrorCode error = ex.errorCode();
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(error.status(), ex.getMessage());
    problem.setTitle(error.title());
    problem.setType(typeOf(error.code()));
    problem.setProperty("code", error.code());
    ex.properties().forEach(problem::setProperty);
    if (ex.properties().get("retryAfterSeconds") instanceof Number seconds) {
      return ResponseEntity.status(error.status()).header(HttpHeaders.RETRY_AFTER, seconds.toString()).body(problem);
    }
    return ResponseEntity.status(error.status()).body(problem);
  }

  /**
   * The system of record is away (restart, network, pool exhausted): a 503 the caller may retry,
   * not a 500. Whatever the request was, nothing was served or changed (issue #10).
   */
  @ExceptionHandler({DataAccessResourceFailureException.class, TransientDataAccessException.class,
      CannotCreateTransactionException.class})
  ResponseEntity<ProblemDetail> handleDatabaseUnavailable(Exception ex) {
    log.warn("system of record unavailable: {}", ex.toString());
    return handleHubException(new HubException(ErrorCode.DATABASE_UNAVAILABLE,
        "the hub's database did not answer; retry later").with("retryAfterSeconds", 5));
  }

  /** A body or query string the server cannot even parse (bad multipart, bad encoding): 400, not 500. */
  @ExceptionHandler({MultipartException.class, InvalidParameterException.class})
  ResponseEntity<ProblemDetail> handleUnparsableRequest(Exception ex) {
    log.debug("unparsable request: {}", ex.toString());
    return handleHubException(new HubException(ErrorCode.INVALID_REQUEST,
        "The request could not be parsed: malformed multipart body or query string"));
  }

  /**
   * A commit or rollback that failed because the database went away: the error that made the
   * transaction roll back (e.g. ledger_unavailable) is the answer, else database_unavailable.
   */
  @ExceptionHandler(TransactionSystemException.class)
  ResponseEntity<ProblemDetail> handleTransactionFailure(TransactionSystemException ex) {
    if (ex.getApplicationException() instanceof HubException hub) {
      log.warn("transaction could not be completed after {}: {}", hub.errorCode().code(), ex.toString());
      return handleHubException(hub);
    }
    return handleDatabaseUnavailable(ex);
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<ProblemDetail> handleUnexpected(Exception ex) {
    log.error("unexpected error", ex);
    return handleHubException(new HubException(ErrorCode.INTERNAL_ERROR, "Unexpected error; see the hub's log"));
  }

  /** An unreadable body names what was wrong; a domain check inside JSON binding keeps its own code. */
  @Override
  protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
      HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
      if (cause instanceof HubException hub) {
        return ResponseEntity.status(hub.errorCode().status()).body(handleHubException(hub).getBody());
      }
    }
    // Never echo the parser's message: it quotes the offending input, which may be a citizen ID.
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status,
        "The request body could not be read: malformed JSON or a value of the wrong type");
    return handleExceptionInternal(ex, problem, headers, status, request);
  }

  /** Spring MVC's own errors (unreadable body, wrong method, missing parameter ...) get a code too. */
  @Override
  protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers,
      HttpStatusCode statusCode, WebRequest request) {
    if (body instanceof ProblemDetail problem
        && (problem.getProperties() == null || !problem.getProperties().containsKey("code"))) {
      String code = statusCode.value() == HttpStatus.NOT_FOUND.value() ? ErrorCode.NOT_FOUND.code()
          : statusCode.is4xxClientError() ? ErrorCode.INVALID_REQUEST.code() : ErrorCode.INTERNAL_ERROR.code();
      problem.setType(typeOf(code));
      problem.setProperty("code", code);
    }
    return super.createResponseEntity(body, headers, statusCode, request);
  }
}
