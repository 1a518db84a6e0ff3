package io.jenkins.plugins.esperanto.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.plugins.credentials.CredentialsDescriptor;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Issue 10, item 10: the global form warns about credentials that no build can resolve. */
class CredentialsScopeCheckTest {
  /** A credential of the system store with a scope, as upstream's BaseStandardCredentials keeps one. */
  private record Stored(String getId, CredentialsScope getScope) implements StandardCredentials {
    @Override
    public CredentialsDescriptor getDescriptor() {
      throw new UnsupportedOperationException("descriptors need a running Jenkins");
    }

    @Override
    public String getDescription() {
      return "";
    }
  }

  /**
   * The system store's two views, as credentials-plugin 1502.v5c95e620ddfe
   * SystemCredentialsProvider.ProviderImpl gives them to ACL.SYSTEM2: at the root of Jenkins
   * everything (getCredentialsInItemGroup with Jenkins), for a job all but SYSTEM scope
   * (getCredentialsInItem: not(withScope(SYSTEM))).
   */
  private static final class SystemStore {
    private final List<Stored> credentials;

    SystemStore(Stored... credentials) {
      this.credentials = List.of(credentials);
    }

    List<Stored> atRoot() {
      return credentials;
    }

    List<Stored> forAJob() {
      return credentials.stream().filter(c -> c.getScope() != CredentialsScope.SYSTEM).collect(Collectors.toList());
    }
  }

  private final SystemStore store = new SystemStore(new Stored("registry-system", CredentialsScope.SYSTEM),
      new Stored("registry-global", CredentialsScope.GLOBAL));

  @Test
  void warning_systemScope_saysBuildsCannotUseThem() {
    assertThat(store.forAJob()).extracting(Stored::getId).doesNotContain("registry-system");

    assertThat(CredentialsScopeCheck.warning("registry-system", store.atRoot())).contains("Credentials 'registry-system'"
        + " have System scope: only Jenkins itself can use them, builds cannot find them; give them Global scope"
        + " (Manage Jenkins > Credentials)");
  }

  @Test
  void warning_globalScope_isNone() {
    assertThat(store.forAJob()).extracting(Stored::getId).contains("registry-global");

    assertThat(CredentialsScopeCheck.warning(" registry-global ", store.atRoot())).isEmpty();
  }

  @Test
  void warning_blankOrNotAtRoot_isNone() {
    // an id only a folder store holds is found by builds of that folder: not ours to judge here
    assertThat(CredentialsScopeCheck.warning("", store.atRoot())).isEmpty();
    assertThat(CredentialsScopeCheck.warning(null, store.atRoot())).isEmpty();
    assertThat(CredentialsScopeCheck.warning("in-a-folder", store.atRoot())).isEmpty();
  }
}
