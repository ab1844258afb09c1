// Where a protocol, not the code, chooses MD5: the digest only detects corruption, so a weak hash there carries no
// security. HTTP `Content-MD5` (RFC 1864) is MD5 by definition; Swift and S3 define an object's ETag as the MD5 of
// its content (Swift API "ETag: the MD5 checksum of the object"), and clients compare it after a transfer.

/** Header or response-field names whose value is, by protocol, the MD5 of the content. Compared case-insensitively. */
export const PROTOCOL_MD5_FIELDS: ReadonlySet<string> = new Set(['etag', 'content-md5']);
