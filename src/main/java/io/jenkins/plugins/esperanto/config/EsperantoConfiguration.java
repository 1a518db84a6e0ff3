package io.jenkins.plugins.esperanto.config;

import com.cloudbees.jenkins.plugins.awscredentials.AmazonWebServicesCredentials;
import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import com.cloudbees.plugins.credentials.common.StandardListBoxModel;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import hudson.Extension;
import hudson.ExtensionList;
import hudson.security.ACL;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.esperanto.credentials.CredentialsScopeCheck;
import io.jenkins.plugins.esperanto.engine.run.RunPolicy;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import jenkins.model.GlobalConfiguration;
import jenkins.model.Jenkins;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * Manage Jenkins › System › Esperanto Docker, and {@code unclassified: esperanto:} in
 * Configuration as Code: the registry, the AWS region, the credentials and the defaults every
 * {@code esperantoImage} and {@code insideEsperanto} step starts from.
 */
@Extension
@Symbol("esperanto")
public class EsperantoConfiguration extends GlobalConfiguration {
  private String repository;
  private String region;
  private String credentialsId;
  private String squash;
  private String catalog;
  private String allowedHostPaths;
  private String allowedDevices;
  private String allowedGroups;
  private String allowedNetworks;

  public EsperantoConfiguration() {
    load();
  }

  /** The configuration of this Jenkins. */
  public static EsperantoConfiguration get() {
    return ExtensionList.lookupSingleton(EsperantoConfiguration.class);
  }

  /** The settings a step starts from. */
  public Settings toSettings() {
    return Settings.of(repository, region, credentialsId, squash, catalog);
  }

  public String getRepository() {
    return repository;
  }

  /** Registry repository prefix, e.g. {@code 123456789012.dkr.ecr.eu-west-1.amazonaws.com/team}. */
  @DataBoundSetter
  public void setRepository(String repository) {
    this.repository = blankToNull(repository);
    save();
  }

  public String getRegion() {
    return region;
  }

  /** AWS region, when the repository does not name one. */
  @DataBoundSetter
  public void setRegion(String region) {
    this.region = blankToNull(region);
    save();
  }

  public String getCredentialsId() {
    return credentialsId;
  }

  /** Id of AWS credentials (ECR) or username/password credentials (other registries). */
  @DataBoundSetter
  public void setCredentialsId(String credentialsId) {
    this.credentialsId = blankToNull(credentialsId);
    save();
  }

  public String getSquash() {
    return squash;
  }

  /** Squash mode forced on every image ({@code none}, {@code own}, {@code all}); blank for per-image. */
  @DataBoundSetter
  public void setSquash(String squash) {
    this.squash = blankToNull(squash);
    save();
  }

  public String getCatalog() {
    return catalog;
  }

  /** Catalog folder relative to the workspace; blank means {@code images}. */
  @DataBoundSetter
  public void setCatalog(String catalog) {
    this.catalog = blankToNull(catalog);
    save();
  }

  /**
   * What the {@code run:} section of an {@code image.yaml} may ask of an agent: the defaults
   * widened by the four "Allowed ..." settings. Entries that do not parse are left out (the
   * form shows them as errors).
   */
  public RunPolicy runPolicy() {
    return RunPolicy.of(
        valid(RunPolicy.parseList(allowedHostPaths), RunPolicy::hostPathProblem),
        valid(RunPolicy.parseList(allowedDevices), RunPolicy::devicePathProblem),
        RunPolicy.parseList(allowedGroups),
        RunPolicy.parseList(allowedNetworks));
  }

  public String getAllowedHostPaths() {
    return allowedHostPaths;
  }

  /** Host paths, one a line, that {@code image.yaml}'s {@code run.volumes} may mount besides the workspace and home. */
  @DataBoundSetter
  public void setAllowedHostPaths(String allowedHostPaths) {
    this.allowedHostPaths = blankToNull(allowedHostPaths);
    save();
  }

  public String getAllowedDevices() {
    return allowedDevices;
  }

  /** Devices, one a line, that {@code run.devices} may pass through; {@code *} for any. */
  @DataBoundSetter
  public void setAllowedDevices(String allowedDevices) {
    this.allowedDevices = blankToNull(allowedDevices);
    save();
  }

  public String getAllowedGroups() {
    return allowedGroups;
  }

  /** Privileged groups (names or gids), one a line, that {@code run.groups} may add; {@code *} for any. */
  @DataBoundSetter
  public void setAllowedGroups(String allowedGroups) {
    this.allowedGroups = blankToNull(allowedGroups);
    save();
  }

  public String getAllowedNetworks() {
    return allowedNetworks;
  }

  /** Network modes ({@code host}, {@code container:NAME}, {@code container:*}), one a line, that {@code run.network} may use. */
  @DataBoundSetter
  public void setAllowedNetworks(String allowedNetworks) {
    this.allowedNetworks = blankToNull(allowedNetworks);
    save();
  }

  @POST
  public FormValidation doCheckAllowedHostPaths(@QueryParameter String value) {
    Jenkins.get().checkPermission(Jenkins.ADMINISTER);
    return validation(firstProblem(RunPolicy.parseList(value), RunPolicy::hostPathProblem));
  }

  @POST
  public FormValidation doCheckAllowedDevices(@QueryParameter String value) {
    Jenkins.get().checkPermission(Jenkins.ADMINISTER);
    return validation(firstProblem(RunPolicy.parseList(value), RunPolicy::devicePathProblem));
  }

  private static List<String> valid(List<String> entries, Function<String, Optional<String>> problem) {
    return entries.stream().filter(e -> problem.apply(e).isEmpty()).toList();
  }

  private static Optional<String> firstProblem(List<String> entries, Function<String, Optional<String>> problem) {
    return entries.stream().map(problem).flatMap(Optional::stream).findFirst();
  }

  @POST
  public FormValidation doCheckRepository(@QueryParameter String value) {
    Jenkins.get().checkPermission(Jenkins.ADMINISTER);
    return validation(Settings.checkRepository(value));
  }

  @POST
  public FormValidation doCheckRegion(@QueryParameter String value) {
    Jenkins.get().checkPermission(Jenkins.ADMINISTER);
    return validation(Settings.checkRegion(value));
  }

  @POST
  public FormValidation doCheckSquash(@QueryParameter String value) {
    Jenkins.get().checkPermission(Jenkins.ADMINISTER);
    return validation(Settings.checkSquash(value));
  }

  @POST
  public FormValidation doCheckCatalog(@QueryParameter String value) {
    Jenkins.get().checkPermission(Jenkins.ADMINISTER);
    return validation(Settings.checkCatalog(value));
  }

  /** Blank (each image's image.yaml decides) or a mode forced on every image. */
  @POST
  public ListBoxModel doFillSquashItems() {
    Jenkins.get().checkPermission(Jenkins.ADMINISTER);
    return SquashChoices.all();
  }

  /** Warns about credentials that builds cannot use (System scope). */
  @POST
  public FormValidation doCheckCredentialsId(@QueryParameter String value) {
    Jenkins jenkins = Jenkins.get();
    jenkins.checkPermission(Jenkins.ADMINISTER);
    return CredentialsScopeCheck.warning(value, CredentialsProvider.lookupCredentialsInItemGroup(
            StandardCredentials.class, jenkins, ACL.SYSTEM2, Collections.emptyList()))
        .map(FormValidation::warning).orElseGet(FormValidation::ok);
  }

  /** The AWS and username/password credentials an administrator can pick. */
  @POST
  public ListBoxModel doFillCredentialsIdItems(@QueryParameter String credentialsId) {
    Jenkins jenkins = Jenkins.get();
    jenkins.checkPermission(Jenkins.ADMINISTER);
    return new StandardListBoxModel()
        .includeEmptyValue()
        .includeMatchingAs(ACL.SYSTEM2, jenkins, StandardCredentials.class, Collections.emptyList(),
            CredentialsMatchers.anyOf(
                CredentialsMatchers.instanceOf(AmazonWebServicesCredentials.class),
                CredentialsMatchers.instanceOf(StandardUsernamePasswordCredentials.class)))
        .includeCurrentValue(credentialsId == null ? "" : credentialsId);
  }

  private static FormValidation validation(Optional<String> problem) {
    return problem.map(FormValidation::error).orElseGet(FormValidation::ok);
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }
}
