import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { DomainError, PayloadTooLargeError, ValidationError } from './errors.js';

const gunzip = promisify(zlib.gunzip);
const inflate = promisify(zlib.inflate);
const inflateRaw = promisify(zlib.inflateRaw);
const brotli = promisify(zlib.brotliDecompress);

/** Reads a request body up to `limit` bytes without buffering more than that. */
export async function readBodyLimited(req: Request, limit: number): Promise<Buffer> {
  const declared = Number(req.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > limit) throw new PayloadTooLargeError(limit);
  if (!req.body) return Buffer.alloc(0);
  const chunks: Buffer[] = [];
  let size = 0;
  const reader = req.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw new PayloadTooLargeError(limit);
    }
    chunks.push(Buffer.from(value));
  }
  return Buffer.concat(chunks, size);
}

/**
 * Decompresses by the declared encoding (or by sniffing the zlib/gzip magic when `sniff` is set, for
 * agents that compress without saying so). The output is capped too: a zip bomb gets a 413, not the heap.
 */
export async function decompress(body: Buffer, encoding: string | undefined, limit: number, sniff = false): Promise<Buffer> {
  const enc = (encoding ?? '').trim().toLowerCase();
  const opts = { maxOutputLength: limit };
  let method: 'gzip' | 'deflate' | 'br' | 'identity' = 'identity';
  if (enc === 'gzip' || enc === 'x-gzip') method = 'gzip';
  else if (enc === 'deflate') method = 'deflate';
  else if (enc === 'br') method = 'br';
  else if (enc && enc !== 'identity') {
    throw new DomainError(415, 'unsupported_encoding', `Content-Encoding "${enc}" is not supported; use gzip, deflate or none`, 'Content-Encoding');
  } else if (sniff && body.length >= 2) {
    if (body[0] === 0x1f && body[1] === 0x8b) method = 'gzip';
    else if (body[0] === 0x78 && (body[0] * 256 + body[1]!) % 31 === 0) method = 'deflate';
  }
  if (method === 'identity') return body;
  try {
    if (method === 'gzip') return await gunzip(body, opts);
    if (method === 'br') return await brotli(body, opts);
    // "deflate" in HTTP means zlib-wrapped, but some clients send raw deflate.
    return await inflate(body, opts).catch(() => inflateRaw(body, opts));
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (err.code === 'ERR_BUFFER_TOO_LARGE' || /Cannot create a Buffer larger|maxOutputLength/i.test(err.message)) {
      throw new PayloadTooLargeError(limit);
    }
    throw new ValidationError(`request body could not be decompressed (${method}): ${err.message}`, 'body');
  }
}
