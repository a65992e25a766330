package io.surgewatch.accesslog;

/** Searching raw line bytes without turning them into Strings first. */
final class Bytes {
    private Bytes() {
    }

    /** The first index of {@code c} in {@code b[from, to)}, or {@code to}. */
    static int indexOf(byte[] b, byte c, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] == c) {
                return i;
            }
        }
        return to;
    }

    /** The last index of {@code c} in {@code b[from, to)}, or -1. */
    static int lastIndexOf(byte[] b, byte c, int from, int to) {
        for (int i = to - 1; i >= from; i--) {
            if (b[i] == c) {
                return i;
            }
        }
        return -1;
    }

    /** Whether {@code b[from, to)} starts with the ASCII text {@code s}. */
    static boolean startsWith(byte[] b, int from, int to, String s) {
        if (to - from < s.length()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (b[from + i] != s.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
