import { createServer } from 'node:net';

/** Finds a TCP port on `host` (default 127.0.0.1) that nothing listens on right now. */
export function findFreePort(host = '127.0.0.1'): Promise<number> {
  // Prism cannot listen on port 0 and report the port it got, so we ask the kernel for
  // one, release it and hand the number to Prism. Someone else may take it in between;
  // startPrism notices that (EADDRINUSE) and tries again with another port.
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen({ host, port: 0, exclusive: true }, () => {
      const address = server.address();
      if (address === null || typeof address === 'string') {
        server.close();
        reject(new Error(`Could not read the port bound on ${host}`));
        return;
      }
      const { port } = address;
      server.close((error) => (error ? reject(error) : resolve(port)));
    });
  });
}
