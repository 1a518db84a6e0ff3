package io.jenkins.plugins.esperanto.engine.registry;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An ECR private registry: its host, AWS account and region.
 *
 * <p>The host is parsed by its structure, {@code <account>.dkr.ecr[-fips].<region>.<partition
 * domain>} (and the dual-stack {@code dkr-ecr} form), never by a list of regions, so that
 * regions AWS adds later work without a release. A region is any {@code xx-word[-word]-N}
 * ({@code eu-north-1}, {@code us-gov-west-1}, {@code ap-southeast-7}, {@code us-isob-east-1}).
 * Partition domains are listed because they are few and change rarely.
 */
public final class EcrRegistry {
  /** A region name by structure: two-letter area, one or more words, a number. */
  static final Pattern REGION = Pattern.compile("[a-z]{2}(?:-[a-z]+)+-[0-9]{1,3}");
  private static final Pattern ACCOUNT = Pattern.compile("[0-9]{12}");
  private static final Pattern HOST =
      Pattern.compile(
          "([0-9]{12})\\.(dkr\\.ecr|dkr\\.ecr-fips|dkr-ecr|dkr-ecr-fips)\\.("
              + REGION.pattern()
              + ")\\.(amazonaws\\.com|amazonaws\\.com\\.cn|on\\.aws|c2s\\.ic\\.gov|sc2s\\.sgov\\.gov"
              + "|cloud\\.adc-e\\.uk|csp\\.hci\\.ic\\.gov)(?::443)?");

  private final String host;
  private final String account;
  private final String region;
  private final boolean fips;

  private EcrRegistry(String host, String account, String region, boolean fips) {
    this.host = host;
    this.account = account;
    this.region = region;
    this.fips = fips;
  }

  /** The ECR registry at {@code host}, or empty when the host is not an ECR host. */
  public static Optional<EcrRegistry> parseHost(String host) {
    if (host == null) {
      return Optional.empty();
    }
    Matcher m = HOST.matcher(host.toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      return Optional.empty();
    }
    return Optional.of(new EcrRegistry(host.toLowerCase(Locale.ROOT), m.group(1), m.group(3), m.group(2).endsWith("-fips")));
  }

  /**
   * Treats {@code host} as an ECR registry of {@code account} in {@code region}: for ECR behind
   * a proxy or a VPC endpoint with its own name, and for tests against a local registry.
   *
   * @throws InvalidRegistrySettingException when the account is not 12 digits or the region is
   *     not shaped like a region
   */
  public static EcrRegistry of(String host, String account, String region) throws InvalidRegistrySettingException {
    if (account == null || !ACCOUNT.matcher(account).matches()) {
      throw new InvalidRegistrySettingException("ECR account", account, "12 digits, such as 123456789012");
    }
    return new EcrRegistry(host, account, checkRegion(region), false);
  }

  /**
   * Checks that {@code region} looks like an AWS region.
   *
   * @throws InvalidRegistrySettingException when it does not
   */
  static String checkRegion(String region) throws InvalidRegistrySettingException {
    if (region == null || !REGION.matcher(region).matches()) {
      throw new InvalidRegistrySettingException("AWS region", region, "a region such as eu-north-1 or us-gov-west-1");
    }
    return region;
  }

  /** The same registry, with the ECR API called in another region. */
  public EcrRegistry withRegion(String newRegion) throws InvalidRegistrySettingException {
    return new EcrRegistry(host, account, checkRegion(newRegion), fips);
  }

  /** The registry host, such as {@code 123456789012.dkr.ecr.eu-north-1.amazonaws.com}. */
  public String host() {
    return host;
  }

  /** The 12-digit AWS account id that owns the registry. */
  public String account() {
    return account;
  }

  /** The AWS region whose ECR API issues tokens for this registry. */
  public String region() {
    return region;
  }

  /** True for a FIPS endpoint host ({@code dkr.ecr-fips}). */
  public boolean fips() {
    return fips;
  }

  @Override
  public boolean equals(Object other) {
    if (!(other instanceof EcrRegistry)) {
      return false;
    }
    EcrRegistry that = (EcrRegistry) other;
    return host.equals(that.host) && account.equals(that.account) && region.equals(that.region) && fips == that.fips;
  }

  @Override
  public int hashCode() {
    return Objects.hash(host, account, region, fips);
  }

  @Override
  public String toString() {
    return "ECR " + account + " in " + region + " (" + host + ")";
  }
}
