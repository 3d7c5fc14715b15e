package io.github.spred4j.tribuo;

import com.google.protobuf.Any;
import com.oracle.labs.mlrg.olcut.provenance.Provenance;
import com.oracle.labs.mlrg.olcut.provenance.primitives.DoubleProvenance;
import com.oracle.labs.mlrg.olcut.provenance.primitives.IntProvenance;
import io.github.spred4j.api.Precision;
import io.github.spred4j.tribuo.protos.SpredLinearModelProto;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.impl.ArrayExample;
import org.tribuo.protos.core.ModelProto;
import org.tribuo.provenance.SimpleDataSourceProvenance;
import org.tribuo.regression.RegressionFactory;
import org.tribuo.regression.Regressor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Tribuo 4.3's protobuf format, used as a Tribuo user would: {@code model.serializeToFile(path)} then
 * {@code Model.deserializeFromFile(path)}. After the round trip the predictions (outputs and scores), the
 * coefficients, the provenance and the certificate in it are identical; damaged messages are refused with a message.
 */
class ProtobufSerializationTest {

    static double certificate(Model<?> m) {
        Map<String, ? extends Provenance> inst = m.getProvenance().getInstanceProvenance().getMap();
        return ((DoubleProvenance) inst.get(Designs.CERTIFICATE)).getValue();
    }

    @SuppressWarnings("unchecked")
    static <M extends SpredLinearModel<?>> M roundTrip(M m, Path file) throws Exception {
        m.serializeToFile(file);
        assertTrue(Files.size(file) > 0);
        Model<?> back = Model.deserializeFromFile(file);
        assertInstanceOf(m.getClass(), back);
        assertEquals(m.getName(), back.getName());
        assertEquals(m.getProvenance(), back.getProvenance(), "provenance");
        assertEquals(certificate(m), certificate(back), "certificate");
        assertEquals(m.getFeatureIDMap().size(), back.getFeatureIDMap().size());
        for (int j = 0; j < m.getFeatureIDMap().size(); j++)
            assertEquals(m.getFeatureIDMap().get(j).getName(), back.getFeatureIDMap().get(j).getName(), "feature " + j);
        assertEquals(m.getOutputIDInfo().getDomain(), back.getOutputIDInfo().getDomain());
        M b = (M) back;
        for (int d = 0; d < m.getOutputIDInfo().size() && d < m.getActiveFeatures().size(); d++) {
            assertArrayEquals(m.coefficients(d), b.coefficients(d), "coefficients " + d);
            assertEquals(m.intercept(d), b.intercept(d), "intercept " + d);
        }
        assertEquals(m.getActiveFeatures(), b.getActiveFeatures());
        assertEquals(m.getTopFeatures(-1), b.getTopFeatures(-1));
        assertEquals(m.generatesProbabilities(), b.generatesProbabilities());
        // the in-memory form gives the same model
        assertEquals(m.getProvenance(), Model.deserialize(m.serialize()).getProvenance());
        return b;
    }

    static <T extends org.tribuo.Output<T>> void assertSamePredictions(Model<T> a, Model<T> b, Iterable<Example<T>> data) {
        int count = 0;
        for (Example<T> e : data) {
            Prediction<T> pa = a.predict(e), pb = b.predict(e);
            assertEquals(pa.getOutput().getSerializableForm(true), pb.getOutput().getSerializableForm(true), "prediction " + count);
            assertEquals(pa.getOutputScores().toString(), pb.getOutputScores().toString(), "scores " + count);
            assertEquals(pa.getNumActiveFeatures(), pb.getNumActiveFeatures());
            count++;
        }
        assertTrue(count > 0);
    }

    @Test
    void regressionModelRoundTripsThroughTribuosProtobufFormat(@TempDir Path tmp) throws Exception {
        TestData.Arrays a = TestData.load("diabetes_raw");
        assumeTrue(a != null, "diabetes_raw data absent");
        MutableDataset<Regressor> ds = TestData.regression(a, null);
        double lam = TestData.refs("diabetes_raw", "lasso", a.p()).get(2).lambda();
        SpredRegressionModel m = new SpredElasticNetTrainer(lam, 0.9, "java", Precision.FLOAT64)
                .train(ds, Map.of("fold", new IntProvenance("fold", 3)));
        SpredRegressionModel back = roundTrip(m, tmp.resolve("lasso.tribuo"));
        assertArrayEquals(m.dimensions(), back.dimensions());
        assertSamePredictions(m, back, ds);
        assertTrue(certificate(back) <= 1e-7, "certificate " + certificate(back));
    }

    @Test
    void poissonModelRoundTripsWithItsLink(@TempDir Path tmp) throws Exception {
        TestData.Arrays a = TestData.load("quine");
        assumeTrue(a != null, "quine data absent (needs ../shared/data)");
        MutableDataset<Regressor> ds = TestData.regression(a, null);
        double lam = TestData.refs("quine", "poisson", a.p()).get(2).lambda();
        SpredRegressionModel m = SpredElasticNetTrainer.poisson(lam, 1.0).train(ds);
        SpredRegressionModel back = roundTrip(m, tmp.resolve("poisson.tribuo"));
        assertTrue(m.logLink() && back.logLink(), "the log link survives the round trip");
        assertSamePredictions(m, back, ds);
    }

    @Test
    void multiDimensionalRegressionKeepsItsDimensionOrder(@TempDir Path tmp) throws Exception {
        RegressionFactory rf = new RegressionFactory();
        MutableDataset<Regressor> ds = new MutableDataset<>(new SimpleDataSourceProvenance("two-dims", rf), rf);
        Random r = new Random(3);
        String[] names = {"a", "b", "c", "d", "e"};
        for (int i = 0; i < 80; i++) {
            double[] v = new double[5];
            for (int j = 0; j < 5; j++) v[j] = r.nextGaussian();
            ds.add(new ArrayExample<>(new Regressor(new String[]{"u", "w"}, new double[]{2 * v[0] - v[3] + 0.1 * r.nextGaussian(),
                    v[1] + 0.1 * r.nextGaussian()}), names, v));
        }
        SpredRegressionModel m = new SpredElasticNetTrainer(0.05, 1.0, "java", Precision.FLOAT64).train(ds);
        SpredRegressionModel back = roundTrip(m, tmp.resolve("two.tribuo"));
        assertArrayEquals(new String[]{"u", "w"}, back.dimensions());
        for (int d = 0; d < 2; d++) assertArrayEquals(m.coefficients(d), back.coefficients(d));
        assertNotEquals(m.coefficients(0)[0], m.coefficients(1)[0], "the two dimensions differ, so order matters");
        assertSamePredictions(m, back, ds);
    }

    @Test
    void binaryClassifierRoundTrips(@TempDir Path tmp) throws Exception {
        TestData.Arrays a = TestData.load("breast_cancer");
        assumeTrue(a != null, "breast_cancer data absent");
        MutableDataset<Label> ds = TestData.classification(a, null);
        double lam = TestData.refs("breast_cancer", "logistic", a.p()).get(3).lambda();
        SpredClassificationModel m = new SpredLogisticTrainer(lam, 1.0, "java", Precision.FLOAT64).train(ds);
        SpredClassificationModel back = roundTrip(m, tmp.resolve("logistic.tribuo"));
        assertTrue(back.isBinary());
        assertArrayEquals(m.predictorLabels(), back.predictorLabels());
        assertSamePredictions(m, back, ds);
    }

    @Test
    void oneVsRestClassifierRoundTrips(@TempDir Path tmp) throws Exception {
        Random rnd = new Random(42);
        String[] names = new String[8];
        for (int j = 0; j < 8; j++) names[j] = "f" + j;
        LabelFactory lf = new LabelFactory();
        MutableDataset<Label> ds = new MutableDataset<>(new SimpleDataSourceProvenance("blobs", lf), lf);
        for (int i = 0; i < 150; i++) {
            double[] v = new double[8];
            for (int j = 0; j < 8; j++) v[j] = rnd.nextGaussian() + (j == i % 3 ? 3 : 0);
            ds.add(new ArrayExample<>(new Label("class" + i % 3), names, v));
        }
        SpredClassificationModel m = new SpredLogisticTrainer(0.02, 1.0, "java", Precision.FLOAT64).train(ds);
        SpredClassificationModel back = roundTrip(m, tmp.resolve("ovr.tribuo"));
        assertEquals(3, back.predictorLabels().length);
        assertArrayEquals(m.predictorLabels(), back.predictorLabels());
        assertSamePredictions(m, back, ds);
    }

    @Test
    void damagedMessagesAreRefusedWithAReason() {
        LabelFactory lf = new LabelFactory();
        MutableDataset<Label> ds = new MutableDataset<>(new SimpleDataSourceProvenance("tiny", lf), lf);
        Random rnd = new Random(1);
        for (int i = 0; i < 40; i++)
            ds.add(new ArrayExample<>(new Label(i % 2 == 0 ? "yes" : "no"), new String[]{"x", "z"},
                    new double[]{rnd.nextGaussian() + (i % 2), rnd.nextGaussian()}));
        SpredClassificationModel m = new SpredLogisticTrainer(0.01, 1.0, "java", Precision.FLOAT64).train(ds);
        ModelProto good = m.serialize();
        assertNotNull(Model.deserialize(good));

        // a newer version than this class reads
        ModelProto future = good.toBuilder().setVersion(SpredLinearModel.CURRENT_VERSION + 1).build();
        Throwable e = rootCause(assertThrows(RuntimeException.class, () -> Model.deserialize(future)));
        assertTrue(e.getMessage().contains("Unknown version"), e.getMessage());

        // a classifier's message handed to the regression class: wrong output type
        ModelProto asRegression = good.toBuilder().setClassName(SpredRegressionModel.class.getName()).build();
        e = rootCause(assertThrows(RuntimeException.class, () -> Model.deserialize(asRegression)));
        assertTrue(e.getMessage().contains("output domain"), e.getMessage());

        // weights of the wrong length for the feature domain
        SpredLinearModelProto inner = unpack(good);
        SpredLinearModelProto shortW = inner.toBuilder().setWeights(0, inner.getWeights(0).toBuilder().setSize(1)).build();
        ModelProto bad = good.toBuilder().setSerializedData(Any.pack(shortW)).build();
        e = rootCause(assertThrows(RuntimeException.class, () -> Model.deserialize(bad)));
        assertTrue(e.getMessage().contains("feature domain has 2"), e.getMessage());
    }

    static SpredLinearModelProto unpack(ModelProto p) {
        try {
            return p.getSerializedData().unpack(SpredLinearModelProto.class);
        } catch (Exception ex) {
            throw new AssertionError(ex);
        }
    }

    static Throwable rootCause(Throwable t) {
        while (t.getCause() != null) t = t.getCause();
        return t;
    }
}
