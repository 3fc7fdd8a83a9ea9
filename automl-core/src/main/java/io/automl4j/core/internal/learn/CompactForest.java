package io.automl4j.core.internal.learn;

import org.tribuo.Output;
import org.tribuo.classification.Label;
import org.tribuo.common.tree.LeafNode;
import org.tribuo.common.tree.Node;
import org.tribuo.common.tree.SplitNode;
import org.tribuo.common.tree.TreeModel;
import org.tribuo.regression.Regressor;
import org.tribuo.regression.rtree.IndependentRegressionTreeModel;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A trained tree ensemble as flat arrays, 16 bytes per node. Nodes are in pre-order, so a split node's "less or
 * equal" child is the next node, {@code i + 1}. For a split node {@code i}, {@code feature[i]} is the matrix column
 * and a row goes to {@code next[i]} when its value is {@code > threshold[i]} and to {@code i + 1} otherwise
 * (Tribuo's rule). A leaf has {@code feature[i] == -1}; for regression its value is stored in
 * {@code threshold[i]}, for classification {@code next[i]} is the offset of its k class probabilities in
 * {@code leafValues}. Trees are stored one after another; tree {@code t} starts at node {@code roots[t]}.
 * Immutable and thread-safe.
 */
final class CompactForest {
    static final int FORMAT_VERSION = 1;

    private final int numClasses;
    private final int cols;
    private final int[] roots;
    private final int[] feature;
    private final double[] threshold;
    private final int[] next;
    private final double[] leafValues;

    private CompactForest(int numClasses, int cols, int[] roots, int[] feature, double[] threshold, int[] next,
                          double[] leafValues) {
        this.numClasses = numClasses;
        this.cols = cols;
        this.roots = roots;
        this.feature = feature;
        this.threshold = threshold;
        this.next = next;
        this.leafValues = leafValues;
    }

    /** One flattened tree in the forest's layout, node ids and value offsets local to the tree. */
    record Tree(int[] feature, double[] threshold, int[] next, double[] leafValues) {

        /**
         * @param model      a trained Tribuo CART tree
         * @param columnOfId Tribuo feature id to matrix column
         * @param bins       the bins the tree was grown on, to map its thresholds back to raw values
         * @param numClasses 0 for regression (leaf value of dimension {@code dim}), else k (leaf distribution)
         */
        @SuppressWarnings("unchecked")
        static <T extends Output<T>> Tree flatten(TreeModel<T> model, int[] columnOfId, FeatureBins bins,
                                                   int numClasses, String dim) {
            // a regression tree keeps one root per output dimension; classification trees have a single root
            Node<T> root = model instanceof IndependentRegressionTreeModel r
                    ? (Node<T>) (Node<?>) r.getRoots().get(dim) : model.getRoot();
            if (root == null) {
                throw new IllegalStateException("Tribuo tree without a root for '" + dim + "'");
            }
            // pre-order: pop a node, push its "greater" child first so the "less or equal" child comes next
            List<Node<T>> nodes = new ArrayList<>();
            Map<Node<T>, Integer> ids = new java.util.IdentityHashMap<>();
            Deque<Node<T>> stack = new ArrayDeque<>();
            stack.push(root);
            while (!stack.isEmpty()) {
                Node<T> node = stack.pop();
                ids.put(node, nodes.size());
                nodes.add(node);
                if (!node.isLeaf()) {
                    SplitNode<T> s = (SplitNode<T>) node;
                    stack.push(s.getGreaterThan());
                    stack.push(s.getLessThanOrEqual());
                }
            }
            int m = nodes.size();
            int[] feature = new int[m];
            double[] threshold = new double[m];
            int[] next = new int[m];
            List<double[]> distributions = new ArrayList<>();
            for (int i = 0; i < m; i++) {
                Node<T> node = nodes.get(i);
                if (node.isLeaf()) {
                    feature[i] = -1;
                    if (numClasses == 0) {
                        threshold[i] = regressionValue((LeafNode<T>) node, dim);
                    } else {
                        next[i] = distributions.size() * numClasses;
                        distributions.add(distribution((LeafNode<T>) node, numClasses));
                    }
                } else {
                    SplitNode<T> s = (SplitNode<T>) node;
                    feature[i] = columnOfId[s.getFeatureID()];
                    if (feature[i] < 0) {
                        throw new IllegalStateException("Tribuo split on unknown feature id " + s.getFeatureID());
                    }
                    if (ids.get(s.getLessThanOrEqual()) != i + 1) {
                        throw new IllegalStateException("tree not in pre-order at node " + i);
                    }
                    threshold[i] = bins.rawThreshold(feature[i], s.splitValue());
                    next[i] = ids.get(s.getGreaterThan());
                }
            }
            double[] values = new double[distributions.size() * numClasses];
            for (int l = 0; l < distributions.size(); l++) {
                System.arraycopy(distributions.get(l), 0, values, l * numClasses, numClasses);
            }
            return new Tree(feature, threshold, next, values);
        }

        private static <T extends Output<T>> double regressionValue(LeafNode<T> leaf, String dim) {
            Regressor r = (Regressor) leaf.getOutput();
            if (r.size() != 1 || !r.getNames()[0].equals(dim)) {
                throw new IllegalStateException("expected a one-dimensional leaf '" + dim + "' but got " + r);
            }
            return r.getValues()[0];
        }

        private static <T extends Output<T>> double[] distribution(LeafNode<T> leaf, int numClasses) {
            double[] dist = new double[numClasses];
            for (Map.Entry<String, T> e : leaf.getDistribution().entrySet()) {
                dist[Integer.parseInt(e.getKey())] = ((Label) e.getValue()).getScore();
            }
            LearnSupport.normalize(dist);
            return dist;
        }
    }

    /** @return the trees concatenated into one forest */
    static CompactForest of(List<Tree> trees, int numClasses, int cols) {
        int nodes = 0;
        int values = 0;
        for (Tree t : trees) {
            nodes += t.feature().length;
            values += t.leafValues().length;
        }
        int[] roots = new int[trees.size()];
        int[] feature = new int[nodes];
        double[] threshold = new double[nodes];
        int[] next = new int[nodes];
        double[] leafValues = new double[values];
        int nodeBase = 0;
        int valueBase = 0;
        for (int t = 0; t < trees.size(); t++) {
            Tree tree = trees.get(t);
            roots[t] = nodeBase;
            int m = tree.feature().length;
            System.arraycopy(tree.feature(), 0, feature, nodeBase, m);
            System.arraycopy(tree.threshold(), 0, threshold, nodeBase, m);
            for (int i = 0; i < m; i++) {
                boolean leaf = tree.feature()[i] < 0;
                if (!leaf) {
                    next[nodeBase + i] = nodeBase + tree.next()[i];
                } else if (numClasses > 0) {
                    next[nodeBase + i] = valueBase + tree.next()[i];
                }
            }
            System.arraycopy(tree.leafValues(), 0, leafValues, valueBase, tree.leafValues().length);
            nodeBase += m;
            valueBase += tree.leafValues().length;
        }
        return new CompactForest(numClasses, cols, roots, feature, threshold, next, leafValues);
    }

    int nodeCount() {
        return feature.length;
    }

    int treeCount() {
        return roots.length;
    }

    /** @return averaged leaf values per row: k probabilities or one value */
    double[][] predict(FeatureMatrix x) {
        int p = cols;
        int width = numClasses == 0 ? 1 : numClasses;
        double[][] out = new double[x.rows()][];
        double[] data = x.data();
        for (int r = 0; r < x.rows(); r++) {
            int base = r * p;
            double[] acc = new double[width];
            for (int root : roots) {
                int node = root;
                while (feature[node] >= 0) {
                    // NaN > threshold is false: missing values go left, as their bin 0 did in training
                    node = data[base + feature[node]] > threshold[node] ? next[node] : node + 1;
                }
                if (numClasses == 0) {
                    acc[0] += threshold[node];
                } else {
                    int off = next[node];
                    for (int c = 0; c < width; c++) {
                        acc[c] += leafValues[off + c];
                    }
                }
            }
            for (int c = 0; c < width; c++) {
                acc[c] /= roots.length;
            }
            if (numClasses > 0) {
                LearnSupport.normalize(acc);
            }
            out[r] = acc;
        }
        return out;
    }

    void write(DataOutputStream out) throws IOException {
        out.writeInt(numClasses);
        out.writeInt(cols);
        writeInts(out, roots);
        writeInts(out, feature);
        ModelBytes.writeDoubles(out, threshold);
        writeInts(out, next);
        ModelBytes.writeDoubles(out, leafValues);
    }

    static CompactForest read(DataInputStream in) throws IOException {
        int numClasses = in.readInt();
        int cols = in.readInt();
        int[] roots = readInts(in);
        int[] feature = readInts(in);
        double[] threshold = ModelBytes.readDoubles(in);
        int[] next = readInts(in);
        double[] leafValues = ModelBytes.readDoubles(in);
        CompactForest f = new CompactForest(numClasses, cols, roots, feature, threshold, next, leafValues);
        f.validate();
        return f;
    }

    /** Checks every index so a corrupt model fails at load, not with an exception (or a loop) at predict. */
    private void validate() throws IOException {
        int m = feature.length;
        if (numClasses < 0 || numClasses == 1 || cols < 1 || roots.length == 0 || threshold.length != m
                || next.length != m || (numClasses == 0 && leafValues.length != 0)) {
            throw new IOException("inconsistent forest arrays");
        }
        for (int root : roots) {
            if (root < 0 || root >= m) {
                throw new IOException("root index " + root + " out of range");
            }
        }
        for (int i = 0; i < m; i++) {
            if (feature[i] < 0) {
                if (feature[i] != -1 || (numClasses > 0 && (next[i] < 0 || next[i] + numClasses > leafValues.length))) {
                    throw new IOException("bad leaf " + i);
                }
            } else if (feature[i] >= cols || i + 1 >= m || next[i] <= i + 1 || next[i] >= m) {
                // both children follow their parent, which also rules out cycles
                throw new IOException("bad split node " + i);
            }
        }
    }

    private static void writeInts(DataOutputStream out, int[] values) throws IOException {
        out.writeInt(values.length);
        for (int v : values) {
            out.writeInt(v);
        }
    }

    private static int[] readInts(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || (long) n * Integer.BYTES > in.available()) {
            throw new IOException("array length " + n + " exceeds the remaining " + in.available() + " bytes");
        }
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = in.readInt();
        }
        return out;
    }

    /** The {@link FittedLearner} of both forest learners. */
    static final class Fitted implements FittedLearner {
        private final String kind;
        private final CompactForest forest;
        private final Map<String, String> info;

        Fitted(String kind, CompactForest forest, Map<String, String> info) {
            this.kind = kind;
            this.forest = forest;
            this.info = Collections.unmodifiableMap(new TreeMap<>(info));
        }

        @Override
        public double[][] predict(FeatureMatrix x) {
            LearnSupport.checkWidth(x, forest.cols, kind);
            return forest.predict(x);
        }

        @Override
        public String kind() {
            return kind;
        }

        @Override
        public byte[] serialize() {
            return ModelBytes.write(kind, FORMAT_VERSION, out -> {
                ModelBytes.writeInfo(out, info);
                forest.write(out);
            });
        }

        @Override
        public Map<String, String> info() {
            return info;
        }

        CompactForest forest() {
            return forest;
        }

        static FittedLearner load(byte[] bytes, String kind) {
            return ModelBytes.read(bytes, kind, FORMAT_VERSION, (in, version) -> {
                Map<String, String> info = ModelBytes.readInfo(in);
                return new Fitted(kind, CompactForest.read(in), info);
            });
        }

        @Override
        public String toString() {
            return kind + "[" + forest.treeCount() + " trees, " + forest.nodeCount() + " nodes]";
        }
    }
}
