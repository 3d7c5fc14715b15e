package io.github.spred4j.backend.java;

import io.github.spred4j.backend.ConformanceTest;

/**
 * The reference against itself. In float64 the element-wise and reduction comparisons run the same code on both
 * sides and so prove nothing about the formulas (they check the harness: NaN-poisoned outputs, buffer bookkeeping);
 * what this class does test is the reference's float32 storage rounding, and the trajectory tests, which compare
 * the reference's spred iterations with a lasso solution computed by coordinate descent. The formulas themselves
 * are checked independently by {@code io.github.spred4j.api.UpdateFormulaTest}.
 */
class JavaConformanceTest extends ConformanceTest {
    @Override
    protected String backendName() {
        return "java";
    }
}
