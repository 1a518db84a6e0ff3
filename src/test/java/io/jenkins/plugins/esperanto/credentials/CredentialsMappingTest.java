package io.jenkins.plugins.esperanto.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.cloudbees.jenkins.plugins.awscredentials.AmazonWebServicesCredentials;
import com.cloudbees.plugins.credentials.CredentialsDescriptor;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import hudson.AbortException;
import hudson.util.Secret;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

/** Tests for {@link CredentialsMapping}: which Jenkins credential becomes which registry credential. */
class CredentialsMappingTest {
  /**
   * What every credential double answers the same way: upstream's abstract members (credentials
   * 1502 Credentials and StandardCredentials) that the mapping never reads.
   */
  private abstract static class Stored implements StandardCredentials {
    private static final long serialVersionUID = 1L;

    @Override
    public CredentialsScope getScope() {
      return CredentialsScope.GLOBAL;
    }

    @Override
    public CredentialsDescriptor getDescriptor() {
      throw new UnsupportedOperationException("descriptors need a running Jenkins");
    }

    @Override
    public String getDescription() {
      return "";
    }
  }

  /** AWS credentials as the aws-credentials plugin hands them out (a role already assumed, or keys). */
  private static final class Aws extends Stored implements AmazonWebServicesCredentials {
    private static final long serialVersionUID = 1L;
    private final AwsCredentials credentials;

    Aws(AwsCredentials credentials) {
      this.credentials = credentials;
    }

    @Override
    public String getId() {
      return "aws";
    }

    @Override
    public CredentialsScope getScope() {
      return CredentialsScope.GLOBAL;
    }

    @Override
    public String getDisplayName() {
      return "AKIA…";
    }

    @Override
    public AwsCredentials resolveCredentials() {
      return credentials;
    }

    // aws-credentials 262: MFA tokens and the SDK v1 side are not used by the mapping.
    @Override
    public AwsCredentials resolveCredentials(String mfaToken) {
      throw new UnsupportedOperationException("the mapping never passes an MFA token");
    }

    @Override
    public com.amazonaws.auth.AWSCredentials getCredentials(String mfaToken) {
      throw new UnsupportedOperationException("the mapping uses the SDK v2 side only");
    }

    @Override
    public com.amazonaws.auth.AWSCredentials getCredentials() {
      throw new UnsupportedOperationException("the mapping uses the SDK v2 side only");
    }

    @Override
    public void refresh() {
      throw new UnsupportedOperationException("the mapping uses the SDK v2 side only");
    }
  }

  private static final class UserPassword extends Stored implements StandardUsernamePasswordCredentials {
    private static final long serialVersionUID = 1L;
    private final boolean usernameSecret;

    UserPassword() {
      this(false);
    }

    /** As credentials' UsernamePasswordCredentialsImpl, whose "Treat username as secret" is a per-credential choice. */
    UserPassword(boolean usernameSecret) {
      this.usernameSecret = usernameSecret;
    }

    @Override
    public boolean isUsernameSecret() {
      return usernameSecret;
    }

    @Override
    public String getId() {
      return "registry";
    }

    @Override
    public CredentialsScope getScope() {
      return CredentialsScope.GLOBAL;
    }

    @Override
    public String getUsername() {
      return "ci-bot";
    }

    @Override
    public Secret getPassword() {
      return Secret.fromString("pa$$word");
    }
  }

  private static final class SshKey extends Stored {
    private static final long serialVersionUID = 1L;

    @Override
    public String getId() {
      return "ssh";
    }

    @Override
    public CredentialsScope getScope() {
      return CredentialsScope.GLOBAL;
    }
  }

  @Test
  void map_awsKeys_becomeAwsKeysWithoutToken() throws Exception {
    ResolvedCredentials r = CredentialsMapping.map("aws", new Aws(AwsBasicCredentials.create("AKIAEXAMPLE", "s3cr3t")));

    assertThat(r.kind()).isEqualTo(ResolvedCredentials.Kind.AWS_KEYS);
    assertThat(r.principal()).isEqualTo("AKIAEXAMPLE");
    assertThat(r.secret().map(Secret::getPlainText)).contains("s3cr3t");
    assertThat(r.sessionToken()).isEmpty();
    assertThat(r.secretValues()).containsExactly("s3cr3t");
  }

  @Test
  void map_assumedRole_keepsTheSessionToken() throws Exception {
    ResolvedCredentials r = CredentialsMapping.map("aws",
        new Aws(AwsSessionCredentials.create("ASIAEXAMPLE", "s3cr3t", "t0ken")));

    assertThat(r.sessionToken().map(Secret::getPlainText)).contains("t0ken");
    assertThat(r.secretValues()).containsExactly("s3cr3t", "t0ken");
  }

  @Test
  void map_usernamePassword_becomesRegistryLogin() throws Exception {
    ResolvedCredentials r = CredentialsMapping.map("registry", new UserPassword());

    assertThat(r.kind()).isEqualTo(ResolvedCredentials.Kind.USERNAME_PASSWORD);
    assertThat(r.principal()).isEqualTo("ci-bot");
    assertThat(r.secret().map(Secret::getPlainText)).contains("pa$$word");
  }

  @Test
  void map_secretUsername_isMaskedLikeThePassword() throws Exception {
    ResolvedCredentials r = CredentialsMapping.map("registry", new UserPassword(true));

    assertThat(r.secretValues()).containsExactlyInAnyOrder("ci-bot", "pa$$word");
  }

  @Test
  void map_plainUsername_staysReadable() throws Exception {
    ResolvedCredentials r = CredentialsMapping.map("registry", new UserPassword(false));

    assertThat(r.secretValues()).containsExactly("pa$$word");
  }

  @Test
  void map_otherType_isOneClearLine() {
    AbortException e = assertThrows(AbortException.class, () -> CredentialsMapping.map("ssh", new SshKey()));

    assertThat(e).hasMessage("credentialsId: credentials 'ssh' are a SshKey; use AWS credentials (for ECR) or a "
        + "username with password (for other registries)");
  }

  @Test
  void forRun_blankId_meansNoCredentials() throws Exception {
    assertThat(CredentialsMapping.forRun(" ", null).kind()).isEqualTo(ResolvedCredentials.Kind.NONE);
  }

  @Test
  void toString_neverShowsSecretsOrPrincipal() throws Exception {
    ResolvedCredentials r = CredentialsMapping.map("aws",
        new Aws(AwsSessionCredentials.create("ASIAEXAMPLE", "s3cr3t", "t0ken")));

    assertThat(r.toString()).isEqualTo("AWS_KEYS from credentials 'aws'")
        .doesNotContain("s3cr3t").doesNotContain("t0ken").doesNotContain("ASIAEXAMPLE");
  }
}
