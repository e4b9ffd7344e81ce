/**
 * Preloaded (`node -r`) into the Action script under test: every TCP connection must go to 127.0.0.1 on
 * one of the ports in LOOPBACK_ALLOWED_PORTS (the fake GitHub API); any other is refused before a socket
 * opens (no DNS lookup either) and recorded, one line each, in LOOPBACK_BLOCKED_LOG.
 */
'use strict';
const fs = require('node:fs');
const net = require('node:net');

const allowed = new Set((process.env.LOOPBACK_ALLOWED_PORTS || '').split(',').filter(Boolean).map(Number));
const log = process.env.LOOPBACK_BLOCKED_LOG;
const connect = net.Socket.prototype.connect;

net.Socket.prototype.connect = function guardedConnect(...args) {
  // Node passes normalised arguments ([options, callback]) from net.connect, raw ones otherwise.
  const first = Array.isArray(args[0]) ? args[0][0] : args[0];
  const options = typeof first === 'object' && first !== null ? first : { port: first, host: args[1] };
  const host = options.host === undefined ? 'localhost' : String(options.host);
  const port = Number(options.port);
  if (options.path === undefined && !(host === '127.0.0.1' && allowed.has(port))) {
    if (log) fs.appendFileSync(log, `${host}:${port}\n`);
    throw new Error(`loopback-only: blocked a connection to ${host}:${port}`);
  }
  return connect.apply(this, args);
};
