// A multipart/form-data body for inject(): fields first, then the file (or the file first).
export function multipart(file: Buffer, fields: Record<string, string> = {}, fileName = 'upload.xlsx', fileFirst = false) {
  const boundary = '----gridguard-test-boundary';
  const fieldParts = Object.entries(fields).map(([name, value]) => Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  const filePart = Buffer.concat([
    Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="${fileName}"\r\ncontent-type: application/octet-stream\r\n\r\n`),
    file,
    Buffer.from('\r\n'),
  ]);
  const parts = fileFirst ? [filePart, ...fieldParts] : [...fieldParts, filePart];
  return { payload: Buffer.concat([...parts, Buffer.from(`--${boundary}--\r\n`)]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** A multipart/form-data body of text fields and any number of files, each in its named field. */
export function multipartForm(fields: Record<string, string>, files: { field: string; name: string; data: Buffer; type?: string }[]) {
  const boundary = '----gridguard-form-boundary';
  const parts = [
    ...Object.entries(fields).map(([name, value]) => Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`)),
    ...files.map((f) =>
      Buffer.concat([
        Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="${f.field}"; filename="${f.name}"\r\ncontent-type: ${f.type ?? 'application/octet-stream'}\r\n\r\n`),
        f.data,
        Buffer.from('\r\n'),
      ]),
    ),
  ];
  return { payload: Buffer.concat([...parts, Buffer.from(`--${boundary}--\r\n`)]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
