/**
 * Every primitive op of the package, grouped by kind. Each op lives in its
 * own file, its forward kernel next to its vector-Jacobian rule.
 *
 * @module
 */
export * from './elementwise.js';
export * from './where.js';

export * from './arithmetic/add.js';
export * from './arithmetic/sub.js';
export * from './arithmetic/mul.js';
export * from './arithmetic/div.js';
export * from './arithmetic/neg.js';
export * from './arithmetic/square.js';
export * from './arithmetic/pow.js';
export * from './arithmetic/minimum.js';
export * from './arithmetic/maximum.js';

export * from './math/abs.js';
export * from './math/exp.js';
export * from './math/log.js';
export * from './math/sqrt.js';
export * from './math/sin.js';
export * from './math/cos.js';
export * from './math/tan.js';
export * from './math/atan2.js';
export * from './math/tanh.js';

export * from './activation/sigmoid.js';
export * from './activation/hardSigmoid.js';
export * from './activation/relu.js';
export * from './activation/relu6.js';
export * from './activation/softplus.js';
export * from './activation/clip.js';

export * from './compare/comparison.js';
export * from './compare/greater.js';
export * from './compare/greaterEqual.js';
export * from './compare/less.js';
export * from './compare/lessEqual.js';
export * from './compare/equal.js';
export * from './compare/notEqual.js';

export * from './reduction/axes.js';
export * from './reduction/sum.js';
export * from './reduction/mean.js';
export * from './reduction/prod.js';
export * from './reduction/min.js';
export * from './reduction/max.js';

export * from './linalg/dot.js';
export * from './linalg/matmul.js';
export * from './linalg/cross.js';
export * from './linalg/norm.js';
export * from './linalg/normalize.js';

export * from './structure/reshape.js';
export * from './structure/take.js';
export * from './structure/slice.js';
export * from './structure/concat.js';
export * from './structure/stack.js';
export * from './structure/transpose.js';
export * from './structure/broadcastTo.js';
export * from './structure/expandDims.js';
export * from './structure/squeeze.js';

export * from './special/stopGradient.js';
export * from './special/nanToNum.js';
