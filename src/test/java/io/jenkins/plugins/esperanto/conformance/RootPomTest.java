package io.jenkins.plugins.esperanto.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The plugin build's POM asks for what Jenkins 2.555.x runs on and names only folders that exist. */
class RootPomTest {
  private static Path root() {
    return Files.exists(Path.of("pom.xml")) && Files.isDirectory(Path.of("standalone")) ? Path.of(".") : Path.of("../..");
  }

  private static Element pom() throws Exception {
    return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(root().resolve("pom.xml").toFile())
        .getDocumentElement();
  }

  @Test
  void release_isJava21_asCore2555Requires() throws Exception {
    // war/src/main/java/executable/Main.java at jenkins-2.555.3: SUPPORTED_JAVA_VERSIONS = 21, 25.
    assertThat(pom().getElementsByTagName("maven.compiler.release").item(0).getTextContent().trim()).isEqualTo("21");
  }

  @Test
  void resourceFolders_exist() throws Exception {
    NodeList dirs = pom().getElementsByTagName("directory");
    assertThat(dirs.getLength()).isPositive();
    for (int i = 0; i < dirs.getLength(); i++) {
      assertThat(root().resolve(dirs.item(i).getTextContent().trim())).isDirectory();
    }
  }

  @Test
  void standaloneModules_nameOnlyResourceFoldersThatExist() throws Exception {
    for (String module : new String[] {"engine", "jenkins-api", "annotation-indexer", "plugin", "hpi"}) {
      Path folder = root().resolve("standalone").resolve(module);
      NodeList dirs = DocumentBuilderFactory.newInstance().newDocumentBuilder()
          .parse(folder.resolve("pom.xml").toFile()).getDocumentElement().getElementsByTagName("directory");
      for (int i = 0; i < dirs.getLength(); i++) {
        String dir = dirs.item(i).getTextContent().trim().replace("${project.basedir}", folder.toString());
        assertThat(Path.of(dir)).as("standalone/" + module + "/pom.xml names " + dir).isDirectory();
      }
    }
  }
}
