package io.jenkins.plugins.esperanto.credentials;

import com.cloudbees.jenkins.plugins.awscredentials.AmazonWebServicesCredentials;
import com.cloudbees.plugins.credentials.CredentialsMatcher;
import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import com.cloudbees.plugins.credentials.common.StandardListBoxModel;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.model.Item;
import hudson.model.Queue;
import hudson.model.queue.Tasks;
import hudson.security.ACL;
import hudson.util.ListBoxModel;
import java.util.Collections;
import jenkins.model.Jenkins;
import org.springframework.security.core.Authentication;

/**
 * The credentials dropdown of the step forms: the registry credentials a job can use (AWS for
 * ECR, username with password for other registries), as credentials' consumer guide
 * (docs/consumer.adoc) lists them. Callers check the permission on the context first and offer
 * {@link #currentOnly} to those who may not list.
 */
public final class RegistryCredentialsList {
  /** The types {@link CredentialsMapping} accepts. */
  public static final CredentialsMatcher REGISTRY_TYPES = CredentialsMatchers.anyOf(
      CredentialsMatchers.instanceOf(AmazonWebServicesCredentials.class),
      CredentialsMatchers.instanceOf(StandardUsernamePasswordCredentials.class));

  private RegistryCredentialsList() {}

  /**
   * Everything the context can use, plus a blank choice and the current value: for a job, listed
   * as the job runs (its authentication, as the consumer guide says); without a job, Jenkins'.
   */
  public static ListBoxModel forContext(@CheckForNull Item item, String current) {
    StandardListBoxModel result = new StandardListBoxModel();
    result.includeEmptyValue();
    if (item == null) {
      result.includeMatchingAs(ACL.SYSTEM2, Jenkins.get(), StandardCredentials.class, Collections.emptyList(),
          REGISTRY_TYPES);
    } else {
      Authentication as = item instanceof Queue.Task ? Tasks.getAuthenticationOf2((Queue.Task) item) : ACL.SYSTEM2;
      result.includeMatchingAs(as, item, StandardCredentials.class, Collections.emptyList(), REGISTRY_TYPES);
    }
    return result.includeCurrentValue(current == null ? "" : current);
  }

  /** Only the current value, for a user who may not list the item's credentials. */
  public static ListBoxModel currentOnly(String current) {
    return new StandardListBoxModel().includeCurrentValue(current == null ? "" : current);
  }
}
