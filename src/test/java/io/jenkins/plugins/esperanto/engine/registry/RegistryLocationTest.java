package io.jenkins.plugins.esperanto.engine.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Tests for {@link RegistryLocation} and {@link EcrRegistry}: structural parsing of every region format. */
class RegistryLocationTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    // commercial partition, every current region shape
    "123456789012.dkr.ecr.us-east-1.amazonaws.com, us-east-1, false",
    "123456789012.dkr.ecr.us-west-2.amazonaws.com, us-west-2, false",
    "123456789012.dkr.ecr.eu-north-1.amazonaws.com, eu-north-1, false",
    "123456789012.dkr.ecr.eu-central-2.amazonaws.com, eu-central-2, false",
    "123456789012.dkr.ecr.eu-south-2.amazonaws.com, eu-south-2, false",
    "123456789012.dkr.ecr.ap-southeast-7.amazonaws.com, ap-southeast-7, false",
    "123456789012.dkr.ecr.ap-northeast-3.amazonaws.com, ap-northeast-3, false",
    "123456789012.dkr.ecr.ap-east-2.amazonaws.com, ap-east-2, false",
    "123456789012.dkr.ecr.ap-south-2.amazonaws.com, ap-south-2, false",
    "123456789012.dkr.ecr.af-south-1.amazonaws.com, af-south-1, false",
    "123456789012.dkr.ecr.ca-west-1.amazonaws.com, ca-west-1, false",
    "123456789012.dkr.ecr.il-central-1.amazonaws.com, il-central-1, false",
    "123456789012.dkr.ecr.me-central-1.amazonaws.com, me-central-1, false",
    "123456789012.dkr.ecr.mx-central-1.amazonaws.com, mx-central-1, false",
    "123456789012.dkr.ecr.sa-east-1.amazonaws.com, sa-east-1, false",
    // GovCloud, FIPS
    "123456789012.dkr.ecr.us-gov-west-1.amazonaws.com, us-gov-west-1, false",
    "123456789012.dkr.ecr-fips.us-gov-east-1.amazonaws.com, us-gov-east-1, true",
    "123456789012.dkr.ecr-fips.us-east-1.amazonaws.com, us-east-1, true",
    // China
    "123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn, cn-north-1, false",
    "123456789012.dkr.ecr.cn-northwest-1.amazonaws.com.cn, cn-northwest-1, false",
    // ISO partitions and the European sovereign cloud shape
    "123456789012.dkr.ecr.us-iso-east-1.c2s.ic.gov, us-iso-east-1, false",
    "123456789012.dkr.ecr.us-isob-east-1.sc2s.sgov.gov, us-isob-east-1, false",
    "123456789012.dkr.ecr.eu-isoe-west-1.cloud.adc-e.uk, eu-isoe-west-1, false",
    "123456789012.dkr.ecr.us-isof-south-1.csp.hci.ic.gov, us-isof-south-1, false",
    // dual-stack endpoints
    "123456789012.dkr-ecr.eu-north-1.on.aws, eu-north-1, false",
    // a region that does not exist yet: parsed by structure, no list to update
    "123456789012.dkr.ecr.xy-newplace-9.amazonaws.com, xy-newplace-9, false",
    "123456789012.DKR.ECR.EU-WEST-3.AMAZONAWS.COM, eu-west-3, false",
  })
  void parse_ecrHost_exposesAccountAndRegion(String host, String region, boolean fips) throws Exception {
    RegistryLocation location = RegistryLocation.parse(host + "/esperanto");

    assertThat(location.ecr()).isPresent();
    assertThat(location.ecr().get().account()).isEqualTo("123456789012");
    assertThat(location.ecr().get().region()).isEqualTo(region);
    assertThat(location.ecr().get().fips()).isEqualTo(fips);
    assertThat(location.prefix()).isEqualTo("esperanto");
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "registry.example.com:5000/team",
    "127.0.0.1:5000/x",
    "localhost:5000/x",
    "12345.dkr.ecr.eu-north-1.amazonaws.com/x",
    "123456789012.dkr.ecr.eu-north-1.amazonaws.com.evil.example/x",
    "123456789012.dkr.ecr.eunorth1.amazonaws.com/x",
    "123456789012.dkr.ecr.eu-north-1.example.com/x",
  })
  void parse_otherHost_isNotEcr(String value) throws Exception {
    RegistryLocation location = RegistryLocation.parse(value);

    assertThat(location.host()).isPresent();
    assertThat(location.ecr()).isEmpty();
  }

  @Test
  void parse_bareName_isLocalOnly() throws Exception {
    RegistryLocation location = RegistryLocation.parse("esperanto");

    assertThat(location.hasRegistry()).isFalse();
    assertThat(location.referenceFor("base", "abc").toString()).isEqualTo("esperanto/base:abc");
    assertThat(location.referenceFor("base", "abc").registry()).isEmpty();
  }

  @Test
  void referenceFor_registryPrefix_joinsHostPathNameAndTag() throws Exception {
    RegistryLocation location = RegistryLocation.parse("registry.example.com:5000/team/");

    ImageReference reference = location.referenceFor("toolchain", "3f2a9c");

    assertThat(reference.toString()).isEqualTo("registry.example.com:5000/team/toolchain:3f2a9c");
    assertThat(reference.registry()).contains("registry.example.com:5000");
    assertThat(reference.repository()).isEqualTo("team/toolchain");
  }

  @Test
  void referenceFor_hostOnly_hasNoPrefix() throws Exception {
    assertThat(RegistryLocation.parse("127.0.0.1:5000").referenceFor("base", "t").toString())
        .isEqualTo("127.0.0.1:5000/base:t");
  }

  @Test
  void withRegion_overridesParsedRegion() throws Exception {
    RegistryLocation location = RegistryLocation.parse("123456789012.dkr.ecr.eu-north-1.amazonaws.com/e").withRegion("us-gov-west-1");

    assertThat(location.ecr().get().region()).isEqualTo("us-gov-west-1");
    assertThat(location.ecr().get().host()).isEqualTo("123456789012.dkr.ecr.eu-north-1.amazonaws.com");
  }

  @Test
  void withRegion_nonEcr_isRejected() throws Exception {
    RegistryLocation location = RegistryLocation.parse("registry.example.com/team");

    InvalidRegistrySettingException e = assertThrows(InvalidRegistrySettingException.class, () -> location.withRegion("eu-north-1"));

    assertThat(e.getMessage()).contains("applies to ECR registries only");
  }

  @Test
  void withEcr_localRegistry_isTreatedAsEcr() throws Exception {
    RegistryLocation location = RegistryLocation.parse("127.0.0.1:5000/x").withEcr("123456789012", "eu-north-1");

    assertThat(location.ecr()).contains(EcrRegistry.of("127.0.0.1:5000", "123456789012", "eu-north-1"));
  }

  @ParameterizedTest
  @CsvSource({"12345, eu-north-1, ECR account", "123456789012, north, AWS region", "123456789012, EU-NORTH-1, AWS region"})
  void withEcr_badAccountOrRegion_namesTheSetting(String account, String region, String setting) throws Exception {
    RegistryLocation location = RegistryLocation.parse("127.0.0.1:5000/x");

    InvalidRegistrySettingException e = assertThrows(InvalidRegistrySettingException.class, () -> location.withEcr(account, region));

    assertThat(e.getMessage()).startsWith("Invalid " + setting + " '");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "Registry.example.com/UPPER", "host/has space", "host/a//b", "host/-x", "a@b"})
  void parse_malformed_isOneLineError(String value) {
    InvalidRegistrySettingException e = assertThrows(InvalidRegistrySettingException.class, () -> RegistryLocation.parse(value));

    assertThat(e.getMessage()).startsWith("Invalid registry '").doesNotContain("\n");
  }

  @Test
  void parseHost_null_isEmpty() {
    assertThat(EcrRegistry.parseHost(null)).isEqualTo(Optional.empty());
  }
}
