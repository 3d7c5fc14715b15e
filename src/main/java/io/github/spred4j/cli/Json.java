package io.github.spred4j.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.spred4j.solver.FitResult;

/** JSON summaries, built with Jackson (never by string concatenation). */
final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static ArrayNode array(double[] v) {
        ArrayNode a = MAPPER.createArrayNode();
        for (double d : v) a.add(d);
        return a;
    }

    /** The fields of one fit, as the fit contract names them. */
    static ObjectNode fit(FitResult r) {
        ObjectNode o = object();
        o.put("lambda", r.lambda());
        o.put("objective", r.objective());
        o.put(r.certificateName(), r.certificate());
        o.put("nnz", r.nnz());
        o.put("iterations", r.iterations());
        o.put("seconds", r.seconds());
        o.put("backend", r.backend());
        o.put("device", r.device());
        o.put("intercept", r.intercept());
        return o;
    }

    static String write(ObjectNode o) {
        try {
            return MAPPER.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
