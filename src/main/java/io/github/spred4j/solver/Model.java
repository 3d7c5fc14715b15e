package io.github.spred4j.solver;

/** The penalised models, objectives as in shared/docs/spred-math.md (glmnet's scaling). */
public enum Model {
    /** 1/(2n)·‖y − b0 − Xβ‖² + λ·(α‖β‖₁ + (1−α)/2·‖β‖²). */
    SQUARED,
    /** (1/n)·Σ[log(1+e^η) − yη] + λ·(α‖β‖₁ + (1−α)/2·‖β‖²), y ∈ {0,1}. */
    LOGISTIC,
    /** 1/(2n)·‖y − b0 − Xβ‖² + λ·Σ_g w_g‖β_g‖₂ (w_g = √p_g by default). */
    GROUP,
    /** (1/n)·Σ[e^η − yη] + λ·(α‖β‖₁ + (1−α)/2·‖β‖²), y ≥ 0 counts (glmnet family "poisson"). */
    POISSON
}
