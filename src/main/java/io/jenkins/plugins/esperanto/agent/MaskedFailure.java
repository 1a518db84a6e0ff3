package io.jenkins.plugins.esperanto.agent;

import hudson.AbortException;
import io.jenkins.plugins.esperanto.engine.api.EsperantoException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Turns a failure of an agent call into the one line Jenkins prints for it, with the build's
 * secrets masked as in the log: an {@link AbortException}, which Jenkins shows without a stack
 * trace. A daemon, registry or library may echo a secret in any exception's message, so
 * unexpected exceptions are converted too, each cause's message masked alike.
 */
final class MaskedFailure {
  private MaskedFailure() {}

  /**
   * The failure to throw instead of {@code failure}: the engine's own message, which says what
   * to fix, or else the exception and its causes, one after the other.
   */
  static AbortException of(Exception failure, List<String> secrets) {
    if (failure instanceof EsperantoException || failure instanceof AbortException) {
      return new AbortException(MaskingLog.mask(String.valueOf(failure.getMessage()), secrets));
    }
    StringBuilder text = new StringBuilder(String.valueOf(failure));
    // a chain may loop back on itself; each exception is named once
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    seen.add(failure);
    for (Throwable cause = failure.getCause(); cause != null && seen.add(cause); cause = cause.getCause()) {
      text.append("; caused by ").append(cause);
    }
    return new AbortException(MaskingLog.mask(text.toString(), secrets));
  }
}
