package io.jenkins.plugins.esperanto.credentials;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.common.IdCredentials;
import java.util.List;
import java.util.Optional;

/**
 * Warns when the global configuration names credentials that no build can use. The form lists
 * what Jenkins itself sees (its own store, as SYSTEM), which includes SYSTEM-scoped credentials;
 * a build looks credentials up for its job, and the system store never returns SYSTEM-scoped
 * ones for an item (credentials-plugin {@code SystemCredentialsProvider.ProviderImpl
 * .getCredentialsInItem}: {@code not(withScope(SYSTEM))}). Such an id would pass the form and
 * fail every build with "no credentials with id".
 */
public final class CredentialsScopeCheck {
  private CredentialsScopeCheck() {}

  /**
   * The warning for {@code credentialsId}, given the credentials visible at the root of Jenkins.
   *
   * @return a one-line warning, or empty when the id is blank, unknown here (it may live in a
   *     folder store that builds see) or usable by builds
   */
  public static Optional<String> warning(String credentialsId, List<? extends IdCredentials> visibleAtRoot) {
    if (credentialsId == null || credentialsId.isBlank()) {
      return Optional.empty();
    }
    String id = credentialsId.trim();
    return visibleAtRoot.stream().filter(c -> id.equals(c.getId())).findFirst()
        .filter(c -> c.getScope() == CredentialsScope.SYSTEM)
        .map(c -> "Credentials '" + id + "' have System scope: only Jenkins itself can use them, builds cannot find"
            + " them; give them Global scope (Manage Jenkins > Credentials)");
  }
}
