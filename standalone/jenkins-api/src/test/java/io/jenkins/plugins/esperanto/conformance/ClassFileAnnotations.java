package io.jenkins.plugins.esperanto.conformance;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.objectweb.asm.AnnotationVisitor;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.FieldVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * The annotations of a class file's fields, methods and parameters whose simple name is one of
 * a given set, visible or not (class-retention annotations are invisible to reflection). Keys:
 * {@code field NAME}, {@code NAME DESCRIPTOR} for a method, {@code NAME DESCRIPTOR#i} for its
 * parameter {@code i}; values: {@code @binary.Name}, sorted.
 */
final class ClassFileAnnotations {
  private ClassFileAnnotations() {}

  static Map<String, List<String>> read(InputStream classFile, Set<String> simpleNames) throws IOException {
    Map<String, List<String>> found = new TreeMap<>();
    new ClassReader(classFile).accept(new ClassVisitor(Opcodes.ASM9) {
      @Override
      public FieldVisitor visitField(int access, String name, String descriptor, String signature, Object value) {
        return new FieldVisitor(Opcodes.ASM9) {
          @Override
          public AnnotationVisitor visitAnnotation(String annotation, boolean visible) {
            add(found, "field " + name, annotation, simpleNames);
            return null;
          }
        };
      }

      @Override
      public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
        String member = name + descriptor;
        return new MethodVisitor(Opcodes.ASM9) {
          @Override
          public AnnotationVisitor visitAnnotation(String annotation, boolean visible) {
            add(found, member, annotation, simpleNames);
            return null;
          }

          @Override
          public AnnotationVisitor visitParameterAnnotation(int parameter, String annotation, boolean visible) {
            add(found, member + "#" + parameter, annotation, simpleNames);
            return null;
          }
        };
      }
    }, ClassReader.SKIP_CODE);
    return found;
  }

  private static void add(Map<String, List<String>> found, String key, String descriptor, Set<String> simpleNames) {
    String binary = Type.getType(descriptor).getClassName();
    if (simpleNames.contains(binary.substring(binary.lastIndexOf('.') + 1))) {
      List<String> on = found.computeIfAbsent(key, k -> new ArrayList<>());
      on.add("@" + binary);
      on.sort(null);
    }
  }
}
