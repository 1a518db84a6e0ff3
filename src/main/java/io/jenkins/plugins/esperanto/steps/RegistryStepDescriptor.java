package io.jenkins.plugins.esperanto.steps;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import hudson.model.Item;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.esperanto.credentials.RegistryCredentialsList;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/** The form methods shared by the steps that reach a registry: the credentials dropdown. */
public abstract class RegistryStepDescriptor extends StepDescriptor {
  /**
   * Registry credentials the job can use, listed only to those who may configure it or use its
   * credentials (others see the current value alone), as credentials' consumer guide does.
   */
  @POST
  public ListBoxModel doFillCredentialsIdItems(@AncestorInPath Item item, @QueryParameter String credentialsId) {
    boolean mayList = item == null ? Jenkins.get().hasPermission(Jenkins.ADMINISTER)
        : item.hasPermission(Item.EXTENDED_READ) || item.hasPermission(CredentialsProvider.USE_ITEM);
    return mayList ? RegistryCredentialsList.forContext(item, credentialsId)
        : RegistryCredentialsList.currentOnly(credentialsId);
  }
}
