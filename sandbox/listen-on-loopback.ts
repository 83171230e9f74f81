import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PortBusyError, type SandboxService } from './sandbox-errors.js';

/** Everything the sandbox serves binds to the loopback interface only: it is for this machine, never the network. */
export const LOOPBACK_HOST = '127.0.0.1';

/**
 * Starts `server` listening on the loopback interface and resolves with the port it got (useful with port 0,
 * which asks the system for a free one). A port already in use becomes a PortBusyError naming the service, instead
 * of the 'error' event that would otherwise crash the process.
 */
export function listenOnLoopback(server: Server, port: number, service: SandboxService): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      server.off('listening', onListening);
      reject(error.code === 'EADDRINUSE' ? new PortBusyError(port, service) : error);
    };
    const onListening = () => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, LOOPBACK_HOST);
  });
}

/** Stops accepting connections, drops idle keep-alive ones, and resolves once the server has closed. */
export function closeServer(server: Server): Promise<void> {
  if (!server.listening) return Promise.resolve();
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    server.closeIdleConnections();
  });
}
