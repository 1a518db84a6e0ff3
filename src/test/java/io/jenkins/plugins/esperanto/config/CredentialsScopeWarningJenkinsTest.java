package io.jenkins.plugins.esperanto.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import com.cloudbees.plugins.credentials.impl.UsernamePasswordCredentialsImpl;
import hudson.util.FormValidation;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * Issue 10, item 10, in a real Jenkins (plugin build only): the global form warns about System-scoped
 * credentials, which the form lists but no build can resolve.
 */
@WithJenkins
class CredentialsScopeWarningJenkinsTest {
  @Test
  void doCheckCredentialsId_systemScope_warns_globalScope_isOk(JenkinsRule j) throws Exception {
    SystemCredentialsProvider store = SystemCredentialsProvider.getInstance();
    store.getCredentials().add(new UsernamePasswordCredentialsImpl(CredentialsScope.SYSTEM, "sys", "", "u", "p"));
    store.getCredentials().add(new UsernamePasswordCredentialsImpl(CredentialsScope.GLOBAL, "glob", "", "u", "p"));
    store.save();
    EsperantoConfiguration configuration = EsperantoConfiguration.get();

    FormValidation system = configuration.doCheckCredentialsId("sys");
    FormValidation global = configuration.doCheckCredentialsId("glob");

    assertThat(system.kind).isEqualTo(FormValidation.Kind.WARNING);
    assertThat(system.getMessage()).contains("System scope");
    assertThat(global.kind).isEqualTo(FormValidation.Kind.OK);
  }
}
