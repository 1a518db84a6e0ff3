// Compile-only stand-in of the upstream declaration (see standalone/jenkins-api/README.md).
package hudson.model;

/** Only the type is used (the parameter of LauncherDecorator.decorate). */
public abstract class Node {}
