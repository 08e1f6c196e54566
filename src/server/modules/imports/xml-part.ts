// The XML of one workbook part, parsed as it inflates by sax (strict mode), which bounds what
// it buffers: a text node is handed over in pieces of at most 64 KB however long it is, and a
// tag name, attribute, comment or declaration longer than that is an error, not a string that
// grows. A DOCTYPE (where entity declarations, the "billion laughs", would live) is refused:
// Excel never writes one, and sax would not expand its entities anyway.
import sax from 'sax';
import { ImportRefusal, refuse } from './import-refusal.ts';

export interface XmlHandler {
  /** An element opens; the name and attribute names without their namespace prefix. */
  open(name: string, attributes: Record<string, string>): void;
  close(name: string): void;
  /** Text (or CDATA), entities decoded, in pieces of at most 64 KB. */
  text(text: string): void;
}

const local = (name: string) => name.slice(name.indexOf(':') + 1);
const WRITE_BYTES = 64 * 1024;

/**
 * Feeds the part's chunks to the handler. After each chunk it yields what the handler made of
 * it (`take`), so a consumer that stops reading stops the parsing and the inflating behind it.
 */
export async function* parseXmlPart<T>(part: string, chunks: AsyncIterable<Buffer>, handler: XmlHandler, take: () => T[]): AsyncGenerator<T> {
  const parser = sax.parser(true, { trim: false, normalize: false, position: true });
  parser.onopentag = (node) => {
    const given = node.attributes as Record<string, string>;
    // Most elements (every cell) have no prefixed attribute: those are passed as they are.
    let attributes = given;
    for (const name in given) {
      if (name.includes(':')) {
        attributes = {};
        for (const [key, value] of Object.entries(given)) attributes[local(key)] = value;
        break;
      }
    }
    handler.open(local(node.name), attributes);
  };
  parser.onclosetag = (name) => handler.close(local(name));
  parser.ontext = (text) => handler.text(text);
  parser.oncdata = (text) => handler.text(text);
  parser.ondoctype = () => {
    throw refuse('FILE_DAMAGED', { part: `${part}: DOCTYPE` });
  };
  // sax records an error and reads on to the end of the chunk (an Error made for each bad
  // character of a binary part): thrown here, the first one stops it.
  parser.onerror = () => {
    throw refuse('FILE_DAMAGED', { part });
  };
  const decoder = new TextDecoder('utf-8');
  const write = (text: string) => {
    try {
      parser.write(text);
    } catch (err) {
      if (err instanceof ImportRefusal) throw err;
      throw refuse('FILE_DAMAGED', { part });
    }
  };
  for await (const chunk of chunks) {
    // At most 64 KB a write: sax checks its buffers between writes (a stored part can come whole).
    for (let at = 0; at < chunk.length; at += WRITE_BYTES) {
      write(decoder.decode(chunk.subarray(at, at + WRITE_BYTES), { stream: true }));
      const made = take();
      for (const item of made) yield item;
    }
  }
  write(decoder.decode());
  try {
    parser.close();
  } catch {
    throw refuse('FILE_DAMAGED', { part });
  }
  for (const item of take()) yield item;
}
