package io.jenkins.plugins.esperanto.engine.registry;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Tests for {@link RegistryErrorKind}: messages as the Docker Engine, distribution and ECR word them. */
class RegistryErrorKindTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
    "unauthorized: authentication required | UNAUTHORIZED",
    "no basic auth credentials | UNAUTHORIZED",
    "denied: Your authorization token has expired. Reauthenticate and try again. | UNAUTHORIZED",
    "denied: User: arn:aws:iam::1:user/x is not authorized to perform: ecr:InitiateLayerUpload | UNAUTHORIZED",
    "name unknown: The repository with name 'x' does not exist in the registry with id '123456789012' | REPOSITORY_MISSING",
    "manifest for 127.0.0.1:5000/x:nope not found: manifest unknown: manifest unknown | TAG_MISSING",
    "Get \"http://127.0.0.1:45999/v2/\": dial tcp 127.0.0.1:45999: connect: connection refused | UNREACHABLE",
    "Get \"https://r.example/v2/\": net/http: TLS handshake timeout | UNREACHABLE",
    "received unexpected HTTP status: 503 Service Unavailable | UNREACHABLE",
    "invalid reference format | OTHER",
  })
  void of_knownMessages_areClassified(String message, RegistryErrorKind kind) {
    assertThat(RegistryErrorKind.of(message)).isEqualTo(kind);
  }
}
