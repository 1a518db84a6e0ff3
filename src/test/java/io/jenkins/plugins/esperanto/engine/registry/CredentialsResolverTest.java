package io.jenkins.plugins.esperanto.engine.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Tests for {@link CredentialsResolver} and the config file it reads. */
class CredentialsResolverTest {
  private static final String ECR = "123456789012.dkr.ecr.eu-north-1.amazonaws.com/esperanto";
  private static final String PASSWORD = "pa$$-" + LocalRegistry.randomPassword();
  private static final String SECRET_KEY = "sk-" + LocalRegistry.randomPassword();

  @TempDir Path home;
  private final SecretScan scan = new SecretScan();

  @AfterEach
  void noSecretAnywhere() {
    scan.secret(PASSWORD);
    scan.secret(SECRET_KEY);
    scan.assertClean();
  }

  private CredentialsResolver resolver(Map<String, String> env) {
    return CredentialsResolver.of(env, home.resolve("config.yaml"));
  }

  private Path config(String yaml, String mode) throws Exception {
    Path file = home.resolve("config.yaml");
    Files.writeString(file, yaml);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
    return file;
  }

  private RegistryCredentials resolve(Map<String, String> env, String location, ExplicitCredentials explicit) throws Exception {
    RegistryCredentials credentials = resolver(env).resolve(RegistryLocation.parse(location), explicit);
    scan.text(credentials.toString());
    return credentials;
  }

  @Test
  void resolve_flags_winOverEnvironmentAndFile() throws Exception {
    config("registries:\n  registry.example.com:\n    username: fileuser\n    password: \"" + PASSWORD + "\"\n", "rw-------");
    ExplicitCredentials flags = ExplicitCredentials.builder("the command line").username("flaguser").password(Secret.of(PASSWORD)).build();

    RegistryCredentials c = resolve(Map.of("ESPERANTO_REGISTRY_USERNAME", "envuser", "ESPERANTO_REGISTRY_PASSWORD", PASSWORD),
        "registry.example.com/team", flags);

    assertThat(c).isInstanceOf(RegistryCredentials.UsernamePassword.class);
    assertThat(((RegistryCredentials.UsernamePassword) c).username()).isEqualTo("flaguser");
    assertThat(c.source()).isEqualTo("the command line");
  }

  @Test
  void resolve_environment_winsOverFile() throws Exception {
    config("registries:\n  registry.example.com:\n    username: fileuser\n    password: x\n", "rw-------");

    RegistryCredentials c = resolve(Map.of("ESPERANTO_REGISTRY_USERNAME", "envuser", "ESPERANTO_REGISTRY_PASSWORD", PASSWORD,
        "ESPERANTO_REGISTRY_HOST", "registry.example.com"), "registry.example.com/team", ExplicitCredentials.none());

    assertThat(((RegistryCredentials.UsernamePassword) c).username()).isEqualTo("envuser");
    assertThat(c.source()).contains("ESPERANTO_REGISTRY_USERNAME").endsWith("for registry.example.com");
  }

  @Test
  void resolve_environmentPairForAnotherHost_isNotUsed() throws Exception {
    config("registries:\n  other.example.com:\n    username: fileuser\n    password: x\n", "rw-------");
    Map<String, String> env = Map.of("ESPERANTO_REGISTRY_USERNAME", "envuser", "ESPERANTO_REGISTRY_PASSWORD", PASSWORD,
        "ESPERANTO_REGISTRY_HOST", "registry.example.com");

    RegistryCredentials fromFile = resolve(env, "other.example.com/team", ExplicitCredentials.none());
    RegistryCredentials none = resolve(env, "third.example.com:5000/team", ExplicitCredentials.none());

    assertThat(((RegistryCredentials.UsernamePassword) fromFile).username()).isEqualTo("fileuser");
    assertThat(none).isEqualTo(RegistryCredentials.anonymous());
  }

  @Test
  void resolve_environmentPairWithoutHost_isScopedToTheRepositoryHost() throws Exception {
    Map<String, String> env = Map.of("ESPERANTO_REGISTRY_USERNAME", "envuser", "ESPERANTO_REGISTRY_PASSWORD", PASSWORD);
    CredentialsResolver scoped = resolver(env).withRepository(RegistryLocation.parse("registry.example.com:5000/team"));

    RegistryCredentials own = scoped.resolve(RegistryLocation.parse("registry.example.com:5000/other"), ExplicitCredentials.none());
    RegistryCredentials elsewhere = scoped.resolve(RegistryLocation.parse("registry.example.com/team"), ExplicitCredentials.none());

    assertThat(((RegistryCredentials.UsernamePassword) own).username()).isEqualTo("envuser");
    assertThat(elsewhere).as("another port is another registry").isEqualTo(RegistryCredentials.anonymous());
  }

  @Test
  void resolve_environmentPairWithNoHostAtAll_isOneLineNamingTheVariable() {
    Map<String, String> env = Map.of("ESPERANTO_REGISTRY_USERNAME", "envuser", "ESPERANTO_REGISTRY_PASSWORD", PASSWORD);

    RegistryCredentialsException e = assertThrows(RegistryCredentialsException.class,
        () -> resolver(env).resolve(RegistryLocation.parse("registry.example.com/t"), ExplicitCredentials.none()));
    scan.error(e);

    assertThat(e.getMessage()).contains("no registry host is named for them; set ESPERANTO_REGISTRY_HOST")
        .doesNotContain("\n");
  }

  @Test
  void resolve_malformedRegistryHostVariable_namesIt() {
    Map<String, String> env = Map.of("ESPERANTO_REGISTRY_USERNAME", "envuser", "ESPERANTO_REGISTRY_PASSWORD", PASSWORD,
        "ESPERANTO_REGISTRY_HOST", "https://registry.example.com/");

    RegistryCredentialsException e = assertThrows(RegistryCredentialsException.class,
        () -> resolver(env).resolve(RegistryLocation.parse("registry.example.com/t"), ExplicitCredentials.none()));

    assertThat(e.getMessage()).isEqualTo("ESPERANTO_REGISTRY_HOST='https://registry.example.com/' is not a registry host;"
        + " expected host[:port] such as registry.example.com:5000");
  }

  @Test
  void resolve_awsEnvironment_forEcrOnly() throws Exception {
    Map<String, String> env = Map.of("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE", "AWS_SECRET_ACCESS_KEY", SECRET_KEY, "AWS_SESSION_TOKEN", "st-1");

    RegistryCredentials ecr = resolve(env, ECR, ExplicitCredentials.none());
    RegistryCredentials other = resolve(env, "registry.example.com/team", ExplicitCredentials.none());

    assertThat(ecr).isInstanceOf(RegistryCredentials.AwsKeys.class);
    assertThat(((RegistryCredentials.AwsKeys) ecr).sessionToken()).isPresent();
    assertThat(ecr.kind()).isEqualTo("AWS access key with session token");
    assertThat(other).isEqualTo(RegistryCredentials.anonymous());
  }

  @Test
  void resolve_configFile_usedForItsHost() throws Exception {
    config("registries:\n  \"" + "123456789012.dkr.ecr.eu-north-1.amazonaws.com" + "\":\n    awsAccessKeyId: AKIDFILE\n"
        + "    awsSecretAccessKey: \"" + SECRET_KEY + "\"\n    roleArn: arn:aws:iam::210987654321:role/pusher\n"
        + "  \"registry.example.com:5000\":\n    username: ci\n    password: '" + PASSWORD + "'\n", "rw-------");

    RegistryCredentials ecr = resolve(Map.of(), ECR, ExplicitCredentials.none());
    RegistryCredentials basic = resolve(Map.of(), "registry.example.com:5000/team", ExplicitCredentials.none());

    assertThat(ecr).isInstanceOf(RegistryCredentials.AwsKeys.class);
    assertThat(((RegistryCredentials.AwsKeys) ecr).roleArn()).contains("arn:aws:iam::210987654321:role/pusher");
    assertThat(((RegistryCredentials.AwsKeys) ecr).secretAccessKey()).isEqualTo(Secret.of(SECRET_KEY));
    assertThat(basic).isInstanceOf(RegistryCredentials.UsernamePassword.class);
    assertThat(((RegistryCredentials.UsernamePassword) basic).password()).isEqualTo(Secret.of(PASSWORD));
    assertThat(basic.source()).contains("config.yaml");
  }

  @ParameterizedTest
  @ValueSource(strings = {"rw-r--r--", "rw----r--", "rw-rw----", "rw----rw-", "rwx--x---"})
  void resolve_configFileOpenToOthers_isRefusedLikeSsh(String mode) throws Exception {
    Path file = config("registries:\n  registry.example.com:\n    username: ci\n    password: " + PASSWORD + "\n", mode);

    RegistryCredentialsException e = assertThrows(RegistryCredentialsException.class,
        () -> resolver(Map.of()).resolve(RegistryLocation.parse("registry.example.com/t"), ExplicitCredentials.none()));
    scan.error(e);

    assertThat(e.getMessage()).isEqualTo("Refusing to read credentials from " + file + ": its mode " + mode
        + " gives other users access to it; run 'chmod 600 " + file + "'");
  }

  @Test
  void resolve_configFileUnknownKey_namesLineAndKey() throws Exception {
    config("registries:\n  registry.example.com:\n    username: ci\n    pasword: " + PASSWORD + "\n", "rw-------");

    RegistryCredentialsException e = assertThrows(RegistryCredentialsException.class,
        () -> resolver(Map.of()).resolve(RegistryLocation.parse("registry.example.com/t"), ExplicitCredentials.none()));
    scan.error(e);

    assertThat(e.getMessage()).contains("config.yaml line 4").contains("unknown key 'pasword'").contains("expected one of");
  }

  @Test
  void resolve_configFileBadYaml_doesNotQuoteTheLine() throws Exception {
    config("registries:\n  registry.example.com:\n    password: \"" + PASSWORD + "\n    username: [\n", "rw-------");

    RegistryCredentialsException e = assertThrows(RegistryCredentialsException.class,
        () -> resolver(Map.of()).resolve(RegistryLocation.parse("registry.example.com/t"), ExplicitCredentials.none()));
    scan.error(e);

    assertThat(e.getMessage()).contains("is not valid YAML").doesNotContain("\n");
    assertThat(e.getCause()).isNull();
  }

  @Test
  void resolve_configFileHalfPair_saysWhatIsMissing() throws Exception {
    config("registries:\n  registry.example.com:\n    username: ci\n", "rw-------");

    RegistryCredentialsException e = assertThrows(RegistryCredentialsException.class,
        () -> resolver(Map.of()).resolve(RegistryLocation.parse("registry.example.com/t"), ExplicitCredentials.none()));

    assertThat(e.getMessage()).contains("registry 'registry.example.com' needs 'password' as well");
  }

  @Test
  void resolve_ecrWithNothingConfigured_usesDefaultChainWithRole() throws Exception {
    ExplicitCredentials flags = ExplicitCredentials.builder("the command line").roleArn("arn:aws:iam::210987654321:role/x").build();

    RegistryCredentials c = resolve(Map.of(), ECR, flags);

    assertThat(c).isEqualTo(RegistryCredentials.awsDefaultChain(Optional.empty(),
        Optional.of("arn:aws:iam::210987654321:role/x"), "the AWS default provider chain"));
  }

  @Test
  void resolve_awsProfileFlag_isExplicitDefaultChain() throws Exception {
    RegistryCredentials c = resolve(Map.of(), ECR, ExplicitCredentials.builder("the command line").awsProfile("ci").build());

    assertThat(c.kind()).isEqualTo("AWS default credential chain (profile ci)");
    assertThat(c.source()).isEqualTo("the command line");
  }

  @Test
  void resolve_nothingForOtherRegistry_isAnonymous() throws Exception {
    assertThat(resolve(Map.of(), "registry.example.com/t", ExplicitCredentials.none())).isEqualTo(RegistryCredentials.anonymous());
  }

  @Test
  void resolve_usernameWithoutPassword_isOneLineError() {
    RegistryCredentialsException e = assertThrows(RegistryCredentialsException.class, () -> resolver(Map.of())
        .resolve(RegistryLocation.parse("registry.example.com/t"), ExplicitCredentials.builder("the command line").username("u").build()));

    assertThat(e.getMessage()).contains("only the username was given").contains("--password-stdin");
  }

  @Test
  void resolve_halfEnvironmentPair_namesTheVariable() {
    RegistryCredentialsException e = assertThrows(RegistryCredentialsException.class, () -> resolver(Map.of("ESPERANTO_REGISTRY_PASSWORD", PASSWORD))
        .resolve(RegistryLocation.parse("registry.example.com/t"), ExplicitCredentials.none()));
    scan.error(e);

    assertThat(e.getMessage()).contains("only ESPERANTO_REGISTRY_PASSWORD is set");
  }

  @Test
  void resolve_malformedRoleArn_isRejected() {
    RegistryCredentialsException e = assertThrows(RegistryCredentialsException.class, () -> resolver(Map.of())
        .resolve(RegistryLocation.parse(ECR), ExplicitCredentials.builder("flags").roleArn("role/x").build()));

    assertThat(e.getMessage()).startsWith("Invalid role ARN 'role/x'");
  }

  @Test
  void toString_neverShowsSecrets() {
    RegistryCredentials keys = RegistryCredentials.awsKeys("AKIDEXAMPLE", Secret.of(SECRET_KEY), Optional.of(Secret.of(PASSWORD)),
        Optional.empty(), "test");
    RegistryCredentials basic = RegistryCredentials.usernamePassword("u", Secret.of(PASSWORD), "test");
    RegistryAuth auth = RegistryAuth.basic("h", "u", Secret.of(PASSWORD), basic);

    scan.text(keys.toString());
    scan.text(basic.toString());
    scan.text(auth.toString());
    scan.text(ExplicitCredentials.builder("x").username("u").password(Secret.of(PASSWORD)).build().toString());

    assertThat(auth.toString()).isEqualTo("auth for h: username/password from test (password ****)");
    assertThat(Secret.of(PASSWORD).toString()).isEqualTo("****");
  }
}
