package org.gdxhub.common;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Errors the servlet container answers before Spring MVC sees the request (e.g. a TRACE, which
 * Tomcat refuses with 405) are RFC 9457 problems with a stable code too, like every other error
 * (issue #10: Schemathesis found them answered as plain JSON). Replaces Boot's BasicErrorController.
 */
@RestController
public class ProblemErrorController implements ErrorController {

  @RequestMapping("/error")
  ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
    // No error status: someone asked for /error itself, which is no resource.
    Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    HttpStatus status = code == null ? HttpStatus.NOT_FOUND
        : code instanceof Integer c && HttpStatus.resolve(c) != null ? HttpStatus.resolve(c)
        : HttpStatus.INTERNAL_SERVER_ERROR;
    ErrorCode error = status == HttpStatus.NOT_FOUND ? ErrorCode.NOT_FOUND
        : status.is4xxClientError() ? ErrorCode.INVALID_REQUEST : ErrorCode.INTERNAL_ERROR;
    // Never the container's message: it may quote the request.
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, status.getReasonPhrase());
    problem.setTitle(error.title());
    problem.setType(ProblemDetailsAdvice.typeOf(error.code()));
    problem.setProperty("code", error.code());
    return ResponseEntity.status(status).body(problem);
  }
}
