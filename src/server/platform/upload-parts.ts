// What an upload route takes. A multipart body is read by the route's own reader, its limits
// checked while the bytes arrive, and is never parsed into request.body: a JSON `body` schema
// can neither validate nor describe it. So the route declares its parts on the route
// (`config.multipart`: the form's fields and files as one zod object) and the OpenAPI document
// shows them (documentUploads). What stands for such a body in the Idempotency-Key comparison
// the route gives write() explicitly (`idempotencyBody`).
import type { SwaggerTransform } from '@fastify/swagger';
import type { FastifySchema } from 'fastify';
import { z } from 'zod';

export interface UploadParts {
  /**
   * The multipart form's parts: text fields as their schemas, a JSON part as its object schema
   * (OpenAPI 3.0 sends an object part as application/json), files as `filePart`/`fileParts`.
   */
  form: z.ZodObject;
  /** The route takes the same request as a plain JSON body too (a tip without photos). */
  json?: z.ZodType;
}

/** A file part: binary in the OpenAPI document. */
export const filePart = (description: string) => z.string().meta({ format: 'binary', description });

/** Up to `max` files under one part name. */
export const fileParts = (max: number, description: string) => z.array(filePart(description)).max(max);

type Transform = SwaggerTransform<FastifySchema>;

/**
 * Wraps the document transform: a route that declares `config.multipart` gets its parts as the
 * multipart/form-data request body (and its JSON alternative, if any), converted from zod like
 * every other schema of the document.
 */
export function documentUploads(transform: Transform): Transform {
  return (document) => {
    const result = transform(document);
    const parts = document.route.config?.multipart;
    if (!parts) return result;
    const bodyOf = (schema: z.ZodType) => transform({ ...document, schema: { body: schema } }).schema.body;
    const content: Record<string, { schema: unknown }> = { 'multipart/form-data': { schema: bodyOf(parts.form) } };
    if (parts.json) content['application/json'] = { schema: bodyOf(parts.json) };
    return { ...result, schema: { ...result.schema, body: { content } } };
  };
}
