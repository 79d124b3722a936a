package io.wirebook.filter;

import io.wirebook.pipeline.PacketResult;
import java.util.List;

/**
 * The compiled tree: {@code and}, {@code or}, {@code not} over leaves, each leaf one test of one field
 * made once by the {@link Parser}. {@link #toString} writes the tree back fully parenthesised, which is
 * how a test sees the precedence the parser gave it.
 */
abstract sealed class Node implements Test permits Node.And, Node.Or, Node.Not, Node.Leaf {

    static final class And extends Node {
        private final Node[] parts;

        And(List<Node> parts) {
            this.parts = parts.toArray(new Node[0]);
        }

        @Override
        public boolean test(PacketResult r) {
            for (Node n : parts) {
                if (!n.test(r)) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public String toString() {
            return join(parts, " and ");
        }
    }

    static final class Or extends Node {
        private final Node[] parts;

        Or(List<Node> parts) {
            this.parts = parts.toArray(new Node[0]);
        }

        @Override
        public boolean test(PacketResult r) {
            for (Node n : parts) {
                if (n.test(r)) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public String toString() {
            return join(parts, " or ");
        }
    }

    static final class Not extends Node {
        private final Node inner;

        Not(Node inner) {
            this.inner = inner;
        }

        @Override
        public boolean test(PacketResult r) {
            return !inner.test(r);
        }

        @Override
        public String toString() {
            return "not " + inner;
        }
    }

    /** One test of one field, with the text it was written as (canonical field name, operator, value). */
    static final class Leaf extends Node {
        private final String text;
        private final Test test;

        Leaf(String text, Test test) {
            this.text = text;
            this.test = test;
        }

        @Override
        public boolean test(PacketResult r) {
            return test.test(r);
        }

        @Override
        public String toString() {
            return text;
        }
    }

    private static String join(Node[] parts, String op) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < parts.length; i++) {
            sb.append(i > 0 ? op : "").append(parts[i]);
        }
        return sb.append(')').toString();
    }
}
