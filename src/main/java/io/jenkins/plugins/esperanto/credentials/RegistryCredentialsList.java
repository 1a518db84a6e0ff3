package io.jenkins.plugins.esperanto.credentials;

import com.cloudbees.jenkins.plugins.awscredentials.AmazonWebServicesCredentials;
import com.cloudbees.plugins.credentials.CredentialsMatcher;
import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import com.cloudbees.plugins.credentials.common.StandardListBoxModel;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import hudson.model.Item;
import hudson.security.ACL;
import hudson.util.ListBoxModel;
import java.util.Collections;

/**
 * The credentials dropdown of the step forms: the registry credentials a job can use (AWS for
 * ECR, username with password for other registries), as credentials' consumer guide lists them.
 * Callers check the permission on the context item first; see {@link #currentOnly}.
 */
public final class RegistryCredentialsList {
  /** The types {@link CredentialsMapping} accepts. */
  public static final CredentialsMatcher REGISTRY_TYPES = CredentialsMatchers.anyOf(
      CredentialsMatchers.instanceOf(AmazonWebServicesCredentials.class),
      CredentialsMatchers.instanceOf(StandardUsernamePasswordCredentials.class));

  private RegistryCredentialsList() {}

  /** Everything {@code item} can use, plus a blank choice and the current value. */
  public static ListBoxModel visibleTo(Item item, String current) {
    return new StandardListBoxModel()
        .includeEmptyValue()
        .includeMatchingAs(ACL.SYSTEM2, item, StandardCredentials.class, Collections.emptyList(), REGISTRY_TYPES)
        .includeCurrentValue(current == null ? "" : current);
  }

  /** Only the current value, for a user who may not list the item's credentials. */
  public static ListBoxModel currentOnly(String current) {
    return new StandardListBoxModel().includeCurrentValue(current == null ? "" : current);
  }
}
