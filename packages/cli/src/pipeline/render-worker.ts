/**
 * The worker thread behind {@link startRenderer}: it loads the validators and
 * openapi-typescript while the main thread parses the blueprint, then renders each
 * document it is sent.
 */
import { parentPort } from 'node:worker_threads';
import { preload, render } from './render-document.js';

const port = parentPort;
if (port) {
  // Messages sent meanwhile wait in the port until the listener below is attached.
  await preload();
  port.on('message', (message: { id: number; document: object }) => {
    render(message.document).then(
      (rendered) => port.postMessage({ id: message.id, rendered }),
      (error: unknown) => port.postMessage({ id: message.id, error: error instanceof Error ? error.message : String(error) }),
    );
  });
}
