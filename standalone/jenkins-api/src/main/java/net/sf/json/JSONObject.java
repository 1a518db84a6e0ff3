// Compile-only stand-in of the upstream declaration (see standalone/jenkins-api/README.md).
package net.sf.json;

/**
 * Only the form values the glue reads. Upstream (Jenkins' json-lib fork, 2.4-jenkins-15) extends
 * AbstractJSON and implements JSON, Map and Comparable.
 */
public final class JSONObject {
    public JSONObject() {
        throw new UnsupportedOperationException("stand-in");
    }

    public String getString(String key) {
        throw new UnsupportedOperationException("stand-in");
    }

    public String optString(String key) {
        throw new UnsupportedOperationException("stand-in");
    }
}
