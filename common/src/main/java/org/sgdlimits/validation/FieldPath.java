package org.sgdlimits.validation;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * The path of a field in a nested input (an experiment file, a section of it, a command-line option): a list of
 * names and array indices, written {@code student.secondLayer}, {@code axes[0].field} or {@code --dimension}.
 * Immutable. Nested sections build their paths with {@link #child} and {@link #index}, and a path found inside
 * a section is placed in the whole input with {@link #under}: no one re-parses a message to find its field.
 */
public final class FieldPath {
    /** The whole input (no field): a problem of the file or command as a whole. */
    public static final FieldPath ROOT = new FieldPath(List.of());

    /** A name segment, or an index segment {@code [i]}. */
    private record Segment(String name, int index) {
        boolean isIndex() {
            return name == null;
        }

        @Override
        public String toString() {
            return isIndex() ? "[" + index + "]" : name;
        }
    }

    private final List<Segment> segments;

    private FieldPath(List<Segment> segments) {
        this.segments = segments;
    }

    /** A path of named fields, outermost first: {@code of("initial", "Q")} is {@code initial.Q}. */
    public static FieldPath of(String... names) {
        FieldPath p = ROOT;
        for (String n : names) {
            p = p.child(n);
        }
        return p;
    }

    /**
     * A path written in code, e.g. {@code "student.secondLayer"} or {@code "axes[0].field"}: names separated by
     * dots, each optionally followed by indices {@code [i]}; {@code ""} is {@link #ROOT}. For field names fixed
     * in the source, never for text taken from an error message. Text that is not of this form (an empty name,
     * a malformed index) is kept as one segment, so that the path always prints exactly as given.
     */
    public static FieldPath parse(String dotted) {
        if (dotted.isEmpty()) {
            return ROOT;
        }
        try {
            return strict(dotted);
        } catch (IllegalArgumentException notAPath) {
            return new FieldPath(List.of(new Segment(dotted, -1)));
        }
    }

    private static FieldPath strict(String dotted) {
        FieldPath p = ROOT;
        for (String part : dotted.split("\\.", -1)) {
            int bracket = part.indexOf('[');
            String name = bracket < 0 ? part : part.substring(0, bracket);
            p = p.child(name);
            int at = name.length();
            while (at < part.length()) {
                int close = part.indexOf(']', at);
                if (part.charAt(at) != '[' || close < 0) {
                    throw new IllegalArgumentException("field path '" + dotted + "': malformed index");
                }
                p = p.index(Integer.parseInt(part.substring(at + 1, close)));
                at = close + 1;
            }
        }
        return p;
    }

    /** The named field {@code name} inside this one. */
    public FieldPath child(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("field path: empty field name after '" + this + "'");
        }
        return append(new Segment(name, -1));
    }

    /** Entry {@code i} of this array field. */
    public FieldPath index(int i) {
        if (i < 0) {
            throw new IllegalArgumentException("field path: negative index " + i);
        }
        return append(new Segment(null, i));
    }

    /** This path read inside the section {@code prefix}: {@code Q} under {@code initial} is {@code initial.Q}. */
    public FieldPath under(FieldPath prefix) {
        List<Segment> all = new ArrayList<>(prefix.segments);
        all.addAll(segments);
        return new FieldPath(Collections.unmodifiableList(all));
    }

    /** Whether this path is {@code prefix} or lies inside it. */
    public boolean startsWith(FieldPath prefix) {
        return prefix.segments.size() <= segments.size()
                && segments.subList(0, prefix.segments.size()).equals(prefix.segments);
    }

    /** This path without its first {@code n} segments (e.g. to re-root an option path). */
    public FieldPath dropFirst(int n) {
        return new FieldPath(List.copyOf(segments.subList(Math.min(n, segments.size()), segments.size())));
    }

    /** The first segment's name ("" for the root or a leading index). */
    public String head() {
        return segments.isEmpty() || segments.get(0).isIndex() ? "" : segments.get(0).name();
    }

    /** Whether this is the whole input. */
    public boolean isRoot() {
        return segments.isEmpty();
    }

    private FieldPath append(Segment s) {
        List<Segment> all = new ArrayList<>(segments);
        all.add(s);
        return new FieldPath(Collections.unmodifiableList(all));
    }

    /** The written form: names joined by dots, indices as {@code [i]}; "" for the root. */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        for (Segment s : segments) {
            if (!s.isIndex() && b.length() > 0) {
                b.append('.');
            }
            b.append(s);
        }
        return b.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FieldPath f && f.segments.equals(segments);
    }

    @Override
    public int hashCode() {
        return segments.hashCode();
    }
}
