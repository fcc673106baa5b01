package org.gdxhub.connectors.internal;

import java.io.IOException;

/**
 * The source answered with a server error (HTTP 5xx, SOAP server fault): a transient failure
 * that a retry may cure, hence an {@link IOException}.
 */
class SourceAnswerException extends IOException {

  SourceAnswerException(String message) {
    super(message);
  }
}
