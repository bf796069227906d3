import { connectTransport, type Transport } from './connect-transport.js';

/**
 * The window's transport, chosen as soon as the page runs: main.tsx imports this module before
 * any other, so the WebSocket's handshake goes on while the rest of the window's modules are
 * evaluated instead of after them (the first data arrives that much sooner).
 */
export const transport: Transport = connectTransport();
