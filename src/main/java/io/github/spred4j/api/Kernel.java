package io.github.spred4j.api;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@link Context} operation with its kernel's file stem, e.g. {@code "hadamard"} for
 * {@code kernels/cuda/hadamard.cu}, {@code kernels/opencl/hadamard.cl} and {@code native/hadamard.c}.
 * The pairing test enumerates these to check that every operation has a reference and a comparison test.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Kernel {
    String value();
}
