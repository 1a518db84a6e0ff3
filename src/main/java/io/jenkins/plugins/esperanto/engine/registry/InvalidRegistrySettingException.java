package io.jenkins.plugins.esperanto.engine.registry;

import io.jenkins.plugins.esperanto.engine.api.Printable;

/** A registry setting (repository prefix, image reference, region, account, ARN) that cannot be used. */
public final class InvalidRegistrySettingException extends RegistryException {
  private static final long serialVersionUID = 1L;

  private final String setting;
  private final String value;

  /**
   * @param setting what was being parsed, e.g. "registry", "image reference", "region"
   * @param value the value given (echoed safely: it is not a secret)
   * @param expected what a valid value looks like
   */
  public InvalidRegistrySettingException(String setting, String value, String expected) {
    super("Invalid " + setting + " '" + Printable.of(value) + "': expected " + expected);
    this.setting = setting;
    this.value = value;
  }

  /** Which setting was wrong. */
  public String getSetting() {
    return setting;
  }

  /** The rejected value. */
  public String getValue() {
    return value;
  }
}
