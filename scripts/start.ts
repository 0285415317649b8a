// `pnpm start`: the main job. Until the scene package lands, a short demo of
// the autodiff engine on the basic scene's line-of-sight received power:
// P = 1 / (h^2 + |rx - tx|^2), and its gradient with respect to the TX.
import { add, div, grad, square, sub, sum, tensor, type Tensor } from '@differt2d/autodiff';

const tx = tensor([0.1, 0.1]);
const rx = tensor([0.302, 0.2147]);
const h = 0.1; // transmitter height (metres): avoids a division by zero at the receiver

const lineOfSightPower = (transmitter: Tensor): Tensor => div(1, add(h * h, sum(square(sub(rx, transmitter)))));

const started = performance.now();
const power = lineOfSightPower(tx);
const gradient = grad(lineOfSightPower)(tx);
const elapsed = performance.now() - started;

console.log('differt2d: line-of-sight power in the basic scene');
console.log(`  TX ${JSON.stringify(tx.toArray())}, RX ${JSON.stringify(rx.toArray())}, h = ${h}`);
console.log(`  power P = 1 / (h^2 + L^2)   = ${power.item()}`);
console.log(`  dP/dTX                      = ${JSON.stringify(gradient.toArray())}`);
console.log(`  (computed in ${elapsed.toFixed(2)} ms)`);
