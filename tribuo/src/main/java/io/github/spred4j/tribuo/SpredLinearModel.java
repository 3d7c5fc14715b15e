package io.github.spred4j.tribuo;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.oracle.labs.mlrg.olcut.util.Pair;
import io.github.spred4j.tribuo.protos.SparseWeightsProto;
import io.github.spred4j.tribuo.protos.SpredLinearModelProto;
import org.tribuo.Example;
import org.tribuo.Excuse;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.ImmutableOutputInfo;
import org.tribuo.Output;
import org.tribuo.SparseModel;
import org.tribuo.impl.ModelDataCarrier;
import org.tribuo.protos.core.ModelDataProto;
import org.tribuo.protos.core.ModelProto;
import org.tribuo.provenance.ModelProvenance;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the two spred4j models share: k linear predictors ({@link LinearWeights}) over the feature map, the
 * inspection methods Tribuo's linear models have, and Tribuo 4.3's protobuf serialisation ({@link #serialize()},
 * read back by each concrete class's {@code deserializeFromProto}, which Tribuo finds by reflection from the class
 * name in the {@code ModelProto}). A concrete model adds only {@code predict}, {@code copy} and that factory.
 *
 * @param <T> the output type
 */
public abstract class SpredLinearModel<T extends Output<T>> extends SparseModel<T> {
    private static final long serialVersionUID = 1L;

    /** The version of {@code SpredLinearModelProto} this class writes and the newest it reads. */
    public static final int CURRENT_VERSION = 0;

    /** The proto's link of a Poisson (log-link) model; the identity link is written as the empty default. */
    static final String LOG_LINK = "log";

    final LinearWeights weights;

    SpredLinearModel(String name, ModelProvenance provenance, ImmutableFeatureMap featureIDMap,
                     ImmutableOutputInfo<T> outputIDInfo, boolean generatesProbabilities, LinearWeights weights) {
        super(name, provenance, featureIDMap, outputIDInfo, generatesProbabilities, weights.activeFeatures(featureIDMap));
        this.weights = weights;
    }

    /**
     * @param d a predictor (regression dimension, or logistic predictor)
     * @return its coefficients indexed by feature id in {@link #getFeatureIDMap()}; a copy, exact zeros
     */
    public double[] coefficients(int d) {
        return weights.beta(d);
    }

    /**
     * @param d a predictor
     * @return its (unpenalised) intercept
     */
    public double intercept(int d) {
        return weights.intercept(d);
    }

    @Override
    public Map<String, List<Pair<String, Double>>> getTopFeatures(int n) {
        return weights.topFeatures(featureIDMap, n);
    }

    @Override
    public Optional<Excuse<T>> getExcuse(Example<T> example) {
        return Optional.of(new Excuse<>(example, predict(example), weights.contributions(example, featureIDMap)));
    }

    /** Classification: the labels ([positive, negative] or one per predictor); regression: none. */
    String[] labels() {
        return new String[0];
    }

    @Override
    public ModelProto serialize() {
        SpredLinearModelProto.Builder b = SpredLinearModelProto.newBuilder()
                .setMetadata(createDataCarrier().serialize().toByteString());
        for (int d = 0; d < weights.size(); d++) {
            b.addOutputs(weights.outputs[d]).addIntercepts(weights.intercept(d));
            double[] beta = weights.beta(d);
            SparseWeightsProto.Builder w = SparseWeightsProto.newBuilder().setSize(beta.length);
            for (int j = 0; j < beta.length; j++)
                if (beta[j] != 0) w.addIndex(j).addValue(beta[j]);
            b.addWeights(w);
        }
        for (String l : labels()) b.addLabels(l);
        b.setLink(link());
        return ModelProto.newBuilder().setVersion(CURRENT_VERSION).setClassName(getClass().getName())
                .setSerializedData(Any.pack(b.build())).build();
    }

    /** The link written to the proto: "" (identity) unless a subclass says otherwise. */
    String link() {
        return "";
    }

    /** A parsed {@code SpredLinearModelProto}, checked against its own metadata. */
    record Parsed<T extends Output<T>>(ModelDataCarrier<T> carrier, LinearWeights weights, String[] labels, String link) {
    }

    /**
     * The common part of the concrete classes' {@code deserializeFromProto}: checks the version, the output type
     * and every size against the feature domain, so a damaged file is an error naming what is wrong.
     */
    static <T extends Output<T>> Parsed<T> parse(int version, String className, Any message, Class<T> outputClass)
            throws InvalidProtocolBufferException {
        if (version < 0 || version > CURRENT_VERSION)
            throw new IllegalArgumentException("Unknown version " + version + " of " + className + ", this class supports at most version " + CURRENT_VERSION);
        SpredLinearModelProto proto = message.unpack(SpredLinearModelProto.class);
        ModelDataCarrier<?> carrier = ModelDataCarrier.deserialize(ModelDataProto.parseFrom(proto.getMetadata()));
        Object first = carrier.outputDomain().getDomain().stream().findFirst().orElse(null);
        if (first != null && !outputClass.isInstance(first))
            throw new IllegalStateException("Invalid protobuf for " + className + ": output domain holds " + first.getClass().getName()
                    + ", expected " + outputClass.getName());
        @SuppressWarnings("unchecked") // checked on the domain's elements above
        ModelDataCarrier<T> typed = (ModelDataCarrier<T>) carrier;
        int k = proto.getOutputsCount(), p = carrier.featureDomain().size();
        if (proto.getInterceptsCount() != k || proto.getWeightsCount() != k)
            throw new IllegalStateException("Invalid protobuf for " + className + ": " + k + " outputs, " + proto.getInterceptsCount()
                    + " intercepts, " + proto.getWeightsCount() + " weight vectors");
        double[][] betas = new double[k][];
        for (int d = 0; d < k; d++) {
            SparseWeightsProto w = proto.getWeights(d);
            if (w.getSize() != p || w.getIndexCount() != w.getValueCount())
                throw new IllegalStateException("Invalid protobuf for " + className + ": weights " + d + " have size " + w.getSize()
                        + " with " + w.getIndexCount() + " indices and " + w.getValueCount() + " values, the feature domain has " + p);
            betas[d] = new double[p];
            for (int i = 0; i < w.getIndexCount(); i++) {
                int j = w.getIndex(i);
                if (j < 0 || j >= p)
                    throw new IllegalStateException("Invalid protobuf for " + className + ": feature index " + j + " outside [0, " + p + ")");
                betas[d][j] = w.getValue(i);
            }
        }
        double[] intercepts = new double[k];
        for (int d = 0; d < k; d++) intercepts[d] = proto.getIntercepts(d);
        LinearWeights weights = new LinearWeights(proto.getOutputsList().toArray(new String[0]), intercepts, betas);
        return new Parsed<>(typed, weights, proto.getLabelsList().toArray(new String[0]), proto.getLink());
    }
}
