// A JSON body's arrays counted as its bytes arrive, before it is parsed. JSON.parse builds the
// whole document at once: 16 MB of tiny arrays ("[[0,0],[0,0],…]", a GeoJSON of points) took
// 211 MB of heap and 0.7 s of the event loop, and a body limit in bytes cannot tell that from
// 16 MB of real coordinates. A '[' inside a string counts too: the budget errs on the safe side.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Transform } from 'node:stream';
import { AppError } from './errors.ts';

const OPEN_BRACKET = 0x5b;

/** A route's preParsing hook refusing (413) a body with more than `maxArrays` arrays. */
export function arrayBudget(maxArrays: number, what: string) {
  return async (_request: FastifyRequest, _reply: FastifyReply, payload: NodeJS.ReadableStream) => {
    let arrays = 0;
    const counter = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        for (let i = chunk.indexOf(OPEN_BRACKET); i !== -1; i = chunk.indexOf(OPEN_BRACKET, i + 1)) arrays += 1;
        if (arrays > maxArrays) {
          return done(new AppError('PAYLOAD_TOO_LARGE', `(body): ${what} holds more than ${maxArrays.toLocaleString('en')} arrays`, [{ path: '(body)', message: `more than ${maxArrays} arrays` }]));
        }
        done(null, chunk);
      },
    });
    payload.on('error', (err) => counter.destroy(err));
    return payload.pipe(counter);
  };
}
