// Compile-only stand-in of the upstream declaration (see standalone/jenkins-api/README.md).
package hudson;

import java.util.AbstractList;

public class ExtensionList<T> extends AbstractList<T> {
    protected ExtensionList() {
        throw new UnsupportedOperationException("stand-in");
    }

    public static <U> U lookupSingleton(Class<U> type) {
        throw new UnsupportedOperationException("stand-in");
    }

    @Override
    public T get(int index) {
        throw new UnsupportedOperationException("stand-in");
    }

    @Override
    public int size() {
        throw new UnsupportedOperationException("stand-in");
    }
}
