package org.gdxhub.ledger;

import org.gdxhub.common.ErrorCode;
import org.gdxhub.common.HubException;

/** The ledger could not durably record an exchange: the caller must not serve anything. */
public class LedgerUnavailableException extends HubException {

  public LedgerUnavailableException(Throwable cause) {
    super(ErrorCode.LEDGER_UNAVAILABLE, "the exchange could not be recorded in the ledger; nothing was served", cause);
  }
}
