package io.panelflow.model.spec;

/**
 * A mediation test of a base model's first regressor through {@code mediator}: paths a, b, c, c',
 * the indirect effect a·b with its Sobel test and a seeded cluster-bootstrap interval; or a moderation
 * test when {@code moderator} is given (the interaction of the regressor and the moderator).
 */
public record MechanismSpec(String mediator, String moderator, String model, String treatment, Integer bootstrap,
                            Long seed) {
}
