package io.github.spred4j.tribuo;

import com.oracle.labs.mlrg.olcut.config.ConfigurationData;
import com.oracle.labs.mlrg.olcut.config.ConfigurationManager;
import com.oracle.labs.mlrg.olcut.provenance.ObjectProvenance;
import com.oracle.labs.mlrg.olcut.provenance.Provenance;
import com.oracle.labs.mlrg.olcut.provenance.ProvenanceUtil;
import com.oracle.labs.mlrg.olcut.provenance.MapProvenance;
import com.oracle.labs.mlrg.olcut.provenance.primitives.DoubleProvenance;
import com.oracle.labs.mlrg.olcut.provenance.primitives.IntProvenance;
import com.oracle.labs.mlrg.olcut.provenance.primitives.StringProvenance;
import io.github.spred4j.api.Backends;
import io.github.spred4j.api.Precision;
import org.junit.jupiter.api.Test;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.provenance.ModelProvenance;
import org.tribuo.regression.Regressor;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The models carry Tribuo provenance: the trainer's configuration (its @Config fields) and, as instance provenance,
 * the backend, precision, λ and certificate of the fit. Provenance survives OLCUT marshalling, the model survives Java
 * serialisation, and the configuration recovered from a model's provenance rebuilds a trainer that reproduces it.
 */
class ProvenanceTest {

    static double dbl(Map<String, ? extends Provenance> m, String k) {
        return ((DoubleProvenance) m.get(k)).getValue();
    }

    static String str(Map<String, ? extends Provenance> m, String k) {
        return ((StringProvenance) m.get(k)).getValue();
    }

    @Test
    void regressionModelRecordsFitAndRoundTrips() throws Exception {
        TestData.Arrays a = TestData.load("diabetes_raw");
        MutableDataset<Regressor> ds = TestData.regression(a, null);
        double lam = TestData.refs("diabetes_raw", "lasso", a.p()).get(2).lambda();
        SpredElasticNetTrainer trainer = new SpredElasticNetTrainer(lam, 0.9, "java", Precision.FLOAT64);
        SpredRegressionModel m = trainer.train(ds, Map.of("fold", new IntProvenance("fold", 3)));
        ModelProvenance prov = m.getProvenance();

        var inst = prov.getInstanceProvenance().getMap();
        assertEquals("java", str(inst, Designs.BACKEND));
        assertEquals(Backends.get("java").deviceName(), str(inst, Designs.DEVICE));
        assertEquals("FLOAT64", str(inst, Designs.PRECISION));
        assertEquals(lam, dbl(inst, Designs.LAMBDA));
        assertEquals(0.9, dbl(inst, Designs.L1_RATIO));
        assertEquals("duality_gap", str(inst, Designs.CERTIFICATE_NAME));
        double cert = dbl(inst, Designs.CERTIFICATE);
        assertTrue(cert >= -1e-12 && cert <= 1e-7, "certificate " + cert); // a gap below -1e-12 would be a bug; rounding may give -1e-16
        var certs = ((MapProvenance<?>) inst.get(Designs.CERTIFICATES)).getMap();
        assertEquals(cert, ((DoubleProvenance) certs.get("y")).getValue());
        int nnz = ((IntProvenance) ((MapProvenance<?>) inst.get(Designs.NNZ)).getMap().get("y")).getValue();
        assertEquals(m.getActiveFeatures().get("y").size(), nnz);
        assertEquals(3, ((IntProvenance) inst.get("fold")).getValue(), "the caller's run provenance is kept");

        Map<String, Provenance> conf = prov.getTrainerProvenance().getConfiguredParameters();
        assertEquals(lam, ((DoubleProvenance) conf.get("alpha")).getValue());
        assertEquals(0.9, ((DoubleProvenance) conf.get("l1Ratio")).getValue());
        assertEquals("java", ((StringProvenance) conf.get("backend")).getValue());
        assertNotNull(conf.get("precision"));
        assertEquals(SpredElasticNetTrainer.class.getName(), prov.getTrainerProvenance().getClassName());

        // OLCUT marshalling round trip: the unmarshalled provenance equals the original.
        ObjectProvenance back = ProvenanceUtil.unmarshalProvenance(ProvenanceUtil.marshalProvenance(prov));
        assertEquals(prov, back);
        System.out.println(ProvenanceUtil.formattedProvenanceString(prov).lines()
                .filter(l -> l.contains("spred.") || l.contains("alpha") || l.contains("backend")).toList());

        // Java serialisation round trip keeps predictions and provenance.
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(m);
        }
        @SuppressWarnings("unchecked")
        Model<Regressor> copy = (Model<Regressor>) new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray())).readObject();
        assertEquals(prov, copy.getProvenance());
        for (int i = 0; i < 20; i++)
            assertArrayEquals(m.predict(ds.getExample(i)).getOutput().getValues(), copy.predict(ds.getExample(i)).getOutput().getValues());

        // Reproduction: the configuration extracted from the model's provenance rebuilds an equal trainer.
        List<ConfigurationData> configs = ProvenanceUtil.extractConfiguration(prov.getTrainerProvenance());
        ConfigurationManager cm = new ConfigurationManager();
        cm.addConfiguration(configs);
        List<SpredElasticNetTrainer> rebuilt = cm.lookupAll(SpredElasticNetTrainer.class);
        assertEquals(1, rebuilt.size());
        assertEquals(trainer.toString(), rebuilt.get(0).toString());
        SpredRegressionModel again = rebuilt.get(0).train(ds);
        assertArrayEquals(m.coefficients(0), again.coefficients(0), "retraining from provenance reproduces the model");
        assertEquals(m.intercept(0), again.intercept(0));
    }

    @Test
    void classificationModelRecordsFitAndRoundTrips() throws Exception {
        TestData.Arrays a = TestData.load("breast_cancer");
        MutableDataset<Label> ds = TestData.classification(a, null);
        double lam = TestData.refs("breast_cancer", "logistic", a.p()).get(3).lambda();
        SpredClassificationModel m = new SpredLogisticTrainer(lam, 1.0, "auto", Precision.FLOAT32).train(ds);
        ModelProvenance prov = m.getProvenance();
        var inst = prov.getInstanceProvenance().getMap();
        assertEquals(Backends.auto().name(), str(inst, Designs.BACKEND), "auto records the backend it chose");
        assertEquals("FLOAT32", str(inst, Designs.PRECISION));
        assertEquals(lam, dbl(inst, Designs.LAMBDA));
        assertTrue(dbl(inst, Designs.CERTIFICATE) <= 1e-5, "certificate " + dbl(inst, Designs.CERTIFICATE));
        assertTrue(((MapProvenance<?>) inst.get(Designs.CERTIFICATES)).getMap().containsKey("1"), "keyed by the positive label");
        assertEquals(prov, ProvenanceUtil.unmarshalProvenance(ProvenanceUtil.marshalProvenance(prov)));
        assertEquals("auto", ((StringProvenance) prov.getTrainerProvenance().getConfiguredParameters().get("backend")).getValue());
    }
}
