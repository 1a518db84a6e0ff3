// Compile-only stand-in of the upstream declaration (see standalone/jenkins-api/README.md).
package jenkins;

public enum YesNoMaybe {
    YES,
    NO,
    MAYBE
}
