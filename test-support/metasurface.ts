/**
 * A user-defined interacting object written only against the public API
 * (the example in the TSDoc of `Interactable`): a phase-gradient metasurface,
 * which reflects by the generalised Snell's law `sin(theta_r) = sin(theta_i) + g`;
 * and the same law with residuals, for the tracers' least-squares solvers.
 *
 * Dev-only: imported by relative path from tests, never from a library
 * source file.
 *
 * @module
 */
import { add, asTensor, dot, mul, normalize, relu, square, stack, sub, type Tensor, type TensorLike } from '@differt2d/autodiff';
import { Wall, type ObjectOptions } from '@differt2d/geometry';

/**
 * Reflects by the generalised Snell's law `sin(theta_r) = sin(theta_i) + g`:
 * the wall's geometry, with only an interaction loss of its own.
 *
 * @example
 * ```ts
 * new PhaseGradientMetasurface([[0, 0], [1, 0]], 0.2).interactionLoss([0, 1], [0.5, 0], [1.1472, 0.7623]).item(); // ~0
 * ```
 */
export class PhaseGradientMetasurface extends Wall {
  override readonly kind = 'phase-gradient-metasurface';
  // g: the phase gradient over the wavenumber (unitless)
  readonly gradient: Tensor;

  constructor(xys: TensorLike, gradient: TensorLike, options: ObjectOptions = {}) {
    super(xys, options);
    this.gradient = asTensor(gradient);
  }

  /**
   * The two terms of the law, zero on a lawful path: `sin(theta_r) -
   * sin(theta_i) - g`, and how far the ray goes through the surface.
   */
  protected snell(a: TensorLike, b: TensorLike, c: TensorLike): [Tensor, Tensor] {
    // Angles from the normal, positive towards the wall's direction: the sine
    // of a unit vector's angle is its component along the wall.
    const along = normalize(this.direction);
    const incident = normalize(sub(b, a));
    const reflected = normalize(sub(c, b));
    const snell = sub(sub(dot(reflected, along), dot(incident, along)), this.gradient);
    // Leaving on the far side would be a transmission, not a reflection.
    const through = relu(mul(dot(incident, this.normal()), dot(reflected, this.normal())));
    return [snell, through];
  }

  override interactionLoss(a: TensorLike, b: TensorLike, c: TensorLike): Tensor {
    const [snell, through] = this.snell(a, b, c);
    return add(square(snell), square(through));
  }

  // rotate() and translate() build the moved copy here: keep g.
  protected override withXys(xys: Tensor): this {
    return new PhaseGradientMetasurface(xys, this.gradient, { name: this.name }) as this;
  }
}

/**
 * The same law with residuals (the loss is the sum of their squares), so
 * that Levenberg-Marquardt and the Gauss-Newton implicit derivative apply.
 *
 * @example
 * ```ts
 * new ResidualMetasurface([[0, 0], [1, 0]], 0.2).interactionResiduals([0, 1], [0.5, 0], [1, 1]).shape; // [2]
 * ```
 */
export class ResidualMetasurface extends PhaseGradientMetasurface {
  override interactionResiduals(a: TensorLike, b: TensorLike, c: TensorLike): Tensor {
    return stack(this.snell(a, b, c), -1);
  }

  protected override withXys(xys: Tensor): this {
    return new ResidualMetasurface(xys, this.gradient, { name: this.name }) as this;
  }
}
